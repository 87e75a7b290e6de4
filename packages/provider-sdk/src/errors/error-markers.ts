/**
 * Marks every Open Host Factory error, domain-core's and this package's: `OhfError.isInstance`
 * in domain-core means "any error of ours", from any copy of either package.
 */
export const OHF_ERROR_MARKER = Symbol.for('ohf.error');

/**
 * The marker of one error class. `Symbol.for` keys live in the registry every copy of a package
 * (and every realm) shares, so a class check holds across duplicated installs where
 * `instanceof` fails.
 */
export function errorClassMarker(className: string): symbol {
  return Symbol.for(`ohf.error.${className}`);
}

/**
 * Puts the class's marker on its prototype: instances of the class and of its subclasses carry
 * it, instances of sibling classes do not. Called from a `static {}` block of the class.
 */
export function markErrorClass(errorClass: { readonly prototype: object }, className: string): void {
  Object.defineProperty(errorClass.prototype, errorClassMarker(className), { value: true });
}

/** True when `error` is an instance of the class named `className` or of a subclass, from any copy. */
export function hasErrorClassMarker(error: unknown, className: string): boolean {
  return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[errorClassMarker(className)] === true;
}
