/**
 * Static reference data the seeded store is built from: the category tree,
 * per-category product templates, freight templates, EU responsible persons.
 */

export interface Category {
	id: string;
	parentId: string; // '0' for top level
	name: string;
	level: number;
	leaf: boolean;
}

/** What a seeded product of a leaf category looks like. */
export interface ProductTemplate {
	categoryId: string;
	skuPrefix: string;
	subjects: string[];
	/** Variation axes: name and [value, short code] pairs; SKUs are combinations. */
	axes: { name: string; values: [string, string][] }[];
	price: [number, number];
}

const cat = (
	id: string,
	parentId: string,
	name: string,
	level: number,
	leaf: boolean,
): Category => ({
	id,
	parentId,
	name,
	level,
	leaf,
});

export const CATEGORIES: Category[] = [
	cat('3', '0', 'Apparel & Accessories', 1, false),
	cat('200000345', '3', "Women's Clothing", 2, false),
	cat('200000347', '200000345', 'Dresses', 3, true),
	cat('200000348', '200000345', 'Blouses & Shirts', 3, true),
	cat('44', '0', 'Consumer Electronics', 1, false),
	cat('200003803', '44', 'Chargers & Adapters', 2, true),
	cat('63705', '44', 'Earphones & Headphones', 2, true),
	cat('509', '0', 'Phones & Telecommunications', 1, false),
	cat('200135143', '509', 'Phone Cases & Covers', 2, true),
	cat('15', '0', 'Home & Garden', 1, false),
	cat('200003810', '15', 'Kitchen Storage', 2, true),
	cat('18', '0', 'Sports & Entertainment', 1, false),
	cat('200004207', '18', 'Yoga Mats', 2, true),
	cat('36', '0', 'Jewelry & Accessories', 1, false),
	cat('200001680', '36', 'Necklaces & Pendants', 2, true),
];

const COLORS: [string, string][] = [
	['Blue', 'BLU'],
	['Black', 'BLK'],
	['White', 'WHT'],
	['Red', 'RED'],
	['Green', 'GRN'],
	['Beige', 'BEI'],
];
const SIZES: [string, string][] = [
	['S', 'S'],
	['M', 'M'],
	['L', 'L'],
	['XL', 'XL'],
];

export const TEMPLATES: ProductTemplate[] = [
	{
		categoryId: '200000347',
		skuPrefix: 'LD',
		subjects: [
			"Women's Summer Linen Dress",
			'Floral Print Midi Dress with Puff Sleeves',
			'Boho V-Neck Maxi Dress',
			'Casual Cotton Shirt Dress',
			'Elegant Satin Slip Dress',
			'Knitted Bodycon Sweater Dress',
		],
		axes: [
			{ name: 'Color', values: COLORS },
			{ name: 'Size', values: SIZES },
		],
		price: [14, 49],
	},
	{
		categoryId: '200000348',
		skuPrefix: 'BL',
		subjects: [
			'Oversized Linen Button-Up Shirt',
			'Chiffon Ruffle Blouse',
			'Striped Cotton Long Sleeve Shirt',
			'Lace Trim Camisole Top',
		],
		axes: [
			{ name: 'Color', values: COLORS },
			{ name: 'Size', values: SIZES },
		],
		price: [9, 32],
	},
	{
		categoryId: '200003803',
		skuPrefix: 'CH',
		subjects: [
			'USB-C Fast Charger 65W',
			'GaN 100W 4-Port Desktop Charger',
			'20W PD Wall Charger for iPhone',
			'Magnetic Wireless Charging Pad 15W',
			'Dual USB Car Charger QC3.0',
		],
		axes: [
			{
				name: 'Plug Type',
				values: [
					['EU Plug', 'EU'],
					['US Plug', 'US'],
					['UK Plug', 'UK'],
					['AU Plug', 'AU'],
				],
			},
			{ name: 'Color', values: COLORS.slice(1, 3) },
		],
		price: [6, 39],
	},
	{
		categoryId: '63705',
		skuPrefix: 'EB',
		subjects: [
			'Wireless Bluetooth 5.3 Earbuds with Charging Case',
			'Noise Cancelling Over-Ear Headphones',
			'Sports Neckband Bluetooth Earphones',
			'Open-Ear Bone Conduction Headphones',
		],
		axes: [{ name: 'Color', values: COLORS.slice(0, 5) }],
		price: [8, 59],
	},
	{
		categoryId: '200135143',
		skuPrefix: 'PC',
		subjects: [
			'Shockproof Silicone Phone Case',
			'Clear Magnetic Case with Camera Protection',
			'Leather Wallet Flip Cover',
			'Matte Hard PC Slim Case',
		],
		axes: [
			{
				name: 'Model',
				values: [
					['iPhone 15', 'IP15'],
					['iPhone 15 Pro', 'IP15P'],
					['Galaxy S24', 'S24'],
					['Pixel 8', 'PX8'],
				],
			},
			{ name: 'Color', values: COLORS.slice(0, 4) },
		],
		price: [2, 15],
	},
	{
		categoryId: '200003810',
		skuPrefix: 'KS',
		subjects: [
			'Stackable Glass Food Storage Containers',
			'Airtight Cereal Dispenser Set',
			'Bamboo Spice Rack Organizer',
			'Silicone Reusable Food Bags',
		],
		axes: [
			{
				name: 'Set',
				values: [
					['3 pcs', '3P'],
					['5 pcs', '5P'],
					['10 pcs', '10P'],
				],
			},
			{ name: 'Color', values: COLORS.slice(2, 5) },
		],
		price: [7, 45],
	},
	{
		categoryId: '200004207',
		skuPrefix: 'YM',
		subjects: [
			'Non-Slip TPE Yoga Mat 6mm',
			'Extra Thick NBR Exercise Mat',
			'Foldable Travel Yoga Mat',
		],
		axes: [
			{ name: 'Color', values: COLORS.slice(0, 5) },
			{
				name: 'Thickness',
				values: [
					['6mm', '6'],
					['8mm', '8'],
					['10mm', '10'],
				],
			},
		],
		price: [12, 38],
	},
	{
		categoryId: '200001680',
		skuPrefix: 'NK',
		subjects: [
			'925 Sterling Silver Heart Pendant Necklace',
			'Minimalist Gold Plated Chain Necklace',
			'Freshwater Pearl Choker',
			'Personalized Initial Letter Necklace',
		],
		axes: [
			{
				name: 'Color',
				values: [
					['Silver', 'SLV'],
					['Gold', 'GLD'],
					['Rose Gold', 'RGD'],
				],
			},
			{
				name: 'Length',
				values: [
					['40cm', '40'],
					['45cm', '45'],
					['50cm', '50'],
				],
			},
		],
		price: [4, 29],
	},
];

export const SUBJECT_MODIFIERS = [
	'',
	'',
	'',
	'2024 New ',
	'Premium ',
	'Hot Sale ',
	'Trendy ',
	'Classic ',
];

export const FREIGHT_TEMPLATES = [
	{
		template_id: '1000',
		template_name: 'Shipping Cost Template for New Sellers',
		is_default: true,
	},
	{ template_id: '1001', template_name: 'Free Shipping Worldwide', is_default: false },
	{ template_id: '1002', template_name: 'EU Local Warehouse', is_default: false },
];

export const EU_RESPONSIBLE_PERSONS = [
	{ name: 'EU Compliance Partners GmbH', msr_eu_id: 5001 },
	{ name: 'Iberia Safety Rep S.L.', msr_eu_id: 5002 },
];

export const LOGISTICS_SERVICES = [
	'CAINIAO_STANDARD',
	'AE_STANDARD_SHIPPING',
	'CAINIAO_PREMIUM',
	'SPAIN_LOCAL_CORREOS',
];

export const BUYER_COUNTRIES = ['us', 'es', 'fr', 'de', 'br', 'pl', 'nl', 'kr', 'il', 'cl'];
export const FIRST_NAMES = [
	'Maria',
	'James',
	'Sofia',
	'Lucas',
	'Emma',
	'Noah',
	'Olivia',
	'Mateo',
	'Anna',
	'Leon',
];
export const LAST_NAMES = [
	'Garcia',
	'Smith',
	'Muller',
	'Kowalski',
	'Silva',
	'Martin',
	'Kim',
	'Cohen',
	'Rossi',
	'Dubois',
];
export const CITIES: [string, string, string][] = [
	['US', 'California', 'Los Angeles'],
	['ES', 'Madrid', 'Madrid'],
	['FR', 'Ile-de-France', 'Paris'],
	['DE', 'Berlin', 'Berlin'],
	['BR', 'Sao Paulo', 'Sao Paulo'],
	['PL', 'Mazowieckie', 'Warsaw'],
	['NL', 'Noord-Holland', 'Amsterdam'],
	['KR', 'Seoul', 'Seoul'],
];

/**
 * Seeded SKU property ids (sku_property_id / property_value_id of product.info.get's
 * aeop_s_k_u_property_list). Made up (Color 14 and Size 5 as often seen in sellers'
 * examples; not confirmed by a documented source).
 */
const SKU_PROPERTY_IDS: Record<string, number> = { Color: 14, Size: 5 };
export const skuPropertyId = (axisName: string): number =>
	SKU_PROPERTY_IDS[axisName] ??
	200000000 + [...axisName].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 100000, 7);
export const skuValueId = (valueIndex: number): number => 1000 + Math.max(valueIndex, 0) * 10 + 1;
