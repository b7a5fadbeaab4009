import { Surface } from '../surface';
import { authSurface } from './auth.surface';
import { paymentsSurface } from './payments.surface';
import { routesSurface } from './routes.surface';
import { signingSurface } from './signing.surface';
import { socketSurface } from './socket.surface';

/** The five places where attacker bytes meet the server's parsers. */
export const SURFACES: ReadonlyArray<Surface<unknown>> = [
  authSurface,
  signingSurface,
  socketSurface,
  routesSurface,
  paymentsSurface,
] as ReadonlyArray<Surface<unknown>>;

export function surfaceNamed(name: string): Surface<unknown> {
  const surface = SURFACES.find((s) => s.name === name);
  if (!surface)
    throw new Error(`unknown surface ${name}; known: ${SURFACES.map((s) => s.name).join(', ')}`);
  return surface;
}
