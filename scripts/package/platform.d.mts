/** Types of platform.mjs, for the tests. */
export const APP_SERVICE_NODE_MAJOR: number;
export interface Platform {
  platform: string;
  arch: string;
  nodeVersion: string;
  glibc: boolean;
}
export function refuseForeignPlatform(platform: Platform): void;
export function thisPlatform(): Platform;
export function verifyNativeModules(root: string): void;
