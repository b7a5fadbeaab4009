/** Parses the `box=sats,box2=sats` format of MESSAGEBOX_FEES and DEFAULT_RECIPIENT_FEES. */
export function parseBoxFeeList(text: string | undefined): Map<string, number> {
  const fees = new Map<string, number>();
  for (const entry of (text ?? '').split(',')) {
    const [box, sats] = entry.split('=').map((p) => p.trim());
    if (box && sats !== undefined && /^\d+$/.test(sats)) fees.set(box, Number(sats));
  }
  return fees;
}
