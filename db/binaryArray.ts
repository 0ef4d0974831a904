/**
 * Reading a one-dimensional int4[] without nulls in PostgreSQL's binary format (array_send), as
 * the binary cursors of the cube builder and the insights engine receive it: ndim, has-nulls flag,
 * element type, length, lower bound (20 bytes); then a length and a value per element.
 */

const HEADER = 20;

/** The wire size of an int4[] of `elements` elements. */
export const int4ArrayBytes = (elements: number) => HEADER + 8 * elements;

/** Element `index` (0-based) of a binary int4[]. */
export const int4ArrayAt = (array: Buffer, index: number) => array.readInt32BE(HEADER + 8 * index + 4);
