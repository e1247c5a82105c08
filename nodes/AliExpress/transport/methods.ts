/**
 * Every AliExpress method this package calls, by what it does. The one
 * registry of method names: operations, list searches, the trigger and the
 * lookups all take their names from here.
 */
export const METHODS = {
	productPost: 'aliexpress.solution.product.post',
	productEdit: 'aliexpress.solution.product.edit',
	productInfo: 'aliexpress.solution.product.info.get',
	productList: 'aliexpress.solution.product.list.get',
	/** `product_ids` `;`-separated (online: at most 50 a call); answer result{success, modify_count, error_details}. */
	productOnline: 'aliexpress.postproduct.redefining.onlineaeproduct',
	productOffline: 'aliexpress.postproduct.redefining.offlineaeproduct',
	/** `product_ids` a JSON list of at most 100; irreversible; answer `success` for the whole call. */
	productDelete: 'aliexpress.solution.batch.product.delete',
	/** The seller's shop: shop_id, shop_name, shop_type, shop_url, country_code, product_posting_forbidden. */
	shopProfile: 'aliexpress.solution.merchant.profile.get',
	inventoryUpdate: 'aliexpress.solution.batch.product.inventory.update',
	priceUpdate: 'aliexpress.solution.batch.product.price.update',
	/** Bulk feeds: a job of up to 2,000 items, processed asynchronously, and its per-item results. */
	feedSubmit: 'aliexpress.solution.feed.submit',
	feedQuery: 'aliexpress.solution.feed.query',
	orderList: 'aliexpress.solution.order.get',
	orderInfo: 'aliexpress.solution.order.info.get',
	orderFulfill: 'aliexpress.solution.order.fulfill',
	categoryTree: 'aliexpress.solution.seller.category.tree.query',
	freightTemplates: 'aliexpress.freight.redefining.listfreighttemplate',
	euResponsiblePersons: 'aliexpress.category.eu.responsible.persons.list',
	/** Publishes a whole product with GPSR (msr_eu_id, aeop_qualification_struct_list), which the solution methods' schema lacks. */
	offerProductPost: 'aliexpress.offer.product.post',
	/** The photo bank: upload an image (multipart, `image_bytes` a file part) and list the images. */
	photobankUpload: 'aliexpress.photobank.redefining.uploadimageforsdk',
	photobankList: 'aliexpress.photobank.redefining.listimagepagination',
	/** Category help: suggestions for a title, a leaf category's product and SKU attributes. */
	categorySuggest: 'aliexpress.solution.product.category.suggest',
	categoryAttributes: 'aliexpress.category.redefining.getchildattributesresultbypostcateidandpath',
	/** Carriers (service_name, tracking_no_regex, …) for fulfil's service_name. */
	carrierList: 'aliexpress.logistics.redefining.listlogisticsservice',
	cancelAccept: 'aliexpress.trade.seller.order.acceptcancel',
	cancelRefuse: 'aliexpress.trade.seller.order.refusecancel',
	remarkSave: 'aliexpress.merchant.redefining.saveremark',
	remarkQuery: 'aliexpress.merchant.redefining.queryremark',
	disputeList: 'aliexpress.issue.issuelist.get',
	disputeDetail: 'aliexpress.issue.detail.get',
	/** The OAuth system calls (paths, not method names): an authorization code for a token, a refresh token for a new one. */
	exchangeCode: '/auth/token/create',
	renewGrant: '/auth/token/refresh',
} as const;
