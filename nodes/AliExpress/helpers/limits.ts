/** Documented limits of the product methods (aliexpress.solution.product.post / .edit / .list.get). */

/** `product_unit` of a product sold by the piece. */
export const PRODUCT_UNIT_PIECE = 100000015;
/** Title (subject) length, images per product, stock and price ceilings, products per list page. */
export const MAX_TITLE_LENGTH = 128;
export const MAX_IMAGES = 6;
export const MAX_STOCK = 999999;
export const MAX_PRICE = 999999;
export const LIST_PAGE_SIZE_MAX = 99;
