/**
 * The official client (@bsv/message-box-client, and the AuthFetch it uses from @bsv/sdk) prints
 * debugging chatter with console.log/info/warn ("HELP IM QUOTING", quotes, delivery agents) and prints every
 * refusal it then throws with console.error: tests that expect a 4xx bury their output in it.
 * Calls made directly from those packages are dropped (the test still sees what the client throws);
 * everything else, the server's logs and the tests' own output included, passes through unchanged.
 */
const CLIENT_FRAME =
  /[\\/]node_modules[\\/]@bsv[\\/](message-box-client[\\/]|sdk[\\/](dist[\\/]\w+[\\/])?src[\\/]auth[\\/])/;

/** The frame that called console.<method>: the third line of the stack (after "Error" and us). */
function calledFromClient(): boolean {
  const caller = new Error().stack?.split('\n')[3] ?? '';
  return CLIENT_FRAME.test(caller);
}

for (const method of ['log', 'info', 'warn', 'error'] as const) {
  const original = console[method].bind(console);
  console[method] = (...args: unknown[]) => {
    if (!calledFromClient()) original(...args);
  };
}
