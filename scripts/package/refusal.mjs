/** A reason `npm run package` will not write the package: printed as it is, and the exit code is 1. */
export class PackageRefusal extends Error {
  name = "PackageRefusal";
}
