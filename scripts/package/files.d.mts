/** Types of files.mjs, for the tests. */
export interface PackageFile {
  name: string;
  source: string;
}
export function isBuildLeftover(pathInPackage: string): boolean;
export function distFiles(root: string): PackageFile[];
export function packageFiles(root: string, packagePath: string): PackageFile[];
