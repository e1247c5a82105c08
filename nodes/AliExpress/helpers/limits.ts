/**
 * Documented limits of the product methods (aliexpress.solution.product.post / .edit / .list.get;
 * bububa/opentaobao metadata/assets/json/aesolution/aliexpress_solution_product_post.json).
 */

/** `product_unit` of a product sold by the piece. */
export const PRODUCT_UNIT_PIECE = 100000015;
/** Subject length ("maximum length 218 characters"), images per product, stock and price ceilings, products per list page. */
export const MAX_TITLE_LENGTH = 218;
export const MAX_IMAGES = 6;
export const MAX_STOCK = 999999;
export const MAX_PRICE = 999999;
export const LIST_PAGE_SIZE_MAX = 99;
/** A custom SKU value (`sku_attribute_value`): at most 70 characters, none of `{ # : = ,`. */
export const MAX_CUSTOM_SKU_VALUE = 70;
export const CUSTOM_SKU_VALUE_FORBIDDEN = /[{#:=,]/;
/** `service_policy_id` 0 = the seller's default service policy ("pass "0" to this parameter"). */
export const DEFAULT_SERVICE_POLICY_ID = 0;
