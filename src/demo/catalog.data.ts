import type { Localized } from '../catalog/catalog.table.ts';

/** Demo categories: slug, parent, and names in the six shop languages. */
export const DEMO_CATEGORIES: { slug: string; parent?: string; name: Localized }[] = [
  { slug: 'kitchen', name: { en: 'Kitchen', fa: 'آشپزخانه', ar: 'المطبخ', ru: 'Кухня', ms: 'Dapur', th: 'ห้องครัว' } },
  { slug: 'small-appliances', parent: 'kitchen', name: { en: 'Small Appliances', fa: 'لوازم کوچک آشپزخانه', ar: 'أجهزة صغيرة', ru: 'Мелкая техника', ms: 'Perkakas Kecil', th: 'เครื่องใช้ไฟฟ้าขนาดเล็ก' } },
  { slug: 'cookware', parent: 'kitchen', name: { en: 'Cookware', fa: 'ظروف پخت', ar: 'أواني الطبخ', ru: 'Посуда', ms: 'Peralatan Memasak', th: 'เครื่องครัว' } },
  { slug: 'home', name: { en: 'Home', fa: 'خانه', ar: 'المنزل', ru: 'Дом', ms: 'Rumah', th: 'บ้าน' } },
  { slug: 'cooling', parent: 'home', name: { en: 'Fans & Air', fa: 'پنکه و هوا', ar: 'المراوح والهواء', ru: 'Вентиляторы и климат', ms: 'Kipas & Udara', th: 'พัดลมและอากาศ' } },
  { slug: 'lighting', parent: 'home', name: { en: 'Lighting', fa: 'روشنایی', ar: 'الإضاءة', ru: 'Освещение', ms: 'Lampu', th: 'ไฟส่องสว่าง' } },
  { slug: 'home-care', parent: 'home', name: { en: 'Home Care', fa: 'نظافت منزل', ar: 'العناية بالمنزل', ru: 'Уход за домом', ms: 'Penjagaan Rumah', th: 'ดูแลบ้าน' } },
  { slug: 'electronics', name: { en: 'Electronics', fa: 'لوازم الکترونیکی', ar: 'الإلكترونيات', ru: 'Электроника', ms: 'Elektronik', th: 'อิเล็กทรอนิกส์' } },
  { slug: 'tv-video', parent: 'electronics', name: { en: 'TV & Video', fa: 'تلویزیون و ویدیو', ar: 'التلفزيون والفيديو', ru: 'ТВ и видео', ms: 'TV & Video', th: 'ทีวีและวิดีโอ' } },
  { slug: 'audio', parent: 'electronics', name: { en: 'Audio', fa: 'صوتی', ar: 'الصوتيات', ru: 'Аудио', ms: 'Audio', th: 'เครื่องเสียง' } },
  { slug: 'computing', parent: 'electronics', name: { en: 'Computing', fa: 'رایانه', ar: 'الحوسبة', ru: 'Компьютеры', ms: 'Pengkomputeran', th: 'คอมพิวเตอร์' } },
  { slug: 'power', parent: 'electronics', name: { en: 'Power & Charging', fa: 'شارژ و برق', ar: 'الطاقة والشحن', ru: 'Питание и зарядка', ms: 'Kuasa & Pengecasan', th: 'พลังงานและการชาร์จ' } },
];

export interface DemoKind { key: string; image: string; category: string; name: Localized; priceRm: number; option: string; values: string[] }

const colours = ['Black', 'White', 'Silver', 'Sage Green', 'Navy'];
export const DEMO_KINDS: DemoKind[] = [
  { key: 'kettle', image: 'kettle', category: 'small-appliances', priceRm: 89, option: 'colour', values: colours, name: { en: 'Electric Kettle', fa: 'کتری برقی', ar: 'غلاية كهربائية', ru: 'Электрочайник', ms: 'Cerek Elektrik', th: 'กาต้มน้ำไฟฟ้า' } },
  { key: 'rice-cooker', image: 'cookware', category: 'small-appliances', priceRm: 159, option: 'capacity', values: ['1.0 L', '1.8 L'], name: { en: 'Rice Cooker', fa: 'پلوپز', ar: 'طباخ أرز', ru: 'Рисоварка', ms: 'Periuk Nasi', th: 'หม้อหุงข้าว' } },
  { key: 'air-fryer', image: 'cookware', category: 'small-appliances', priceRm: 299, option: 'capacity', values: ['4 L', '6 L'], name: { en: 'Air Fryer', fa: 'سرخ‌کن بدون روغن', ar: 'قلاية هوائية', ru: 'Аэрогриль', ms: 'Penggoreng Udara', th: 'หม้อทอดไร้น้ำมัน' } },
  { key: 'blender', image: 'generic', category: 'small-appliances', priceRm: 179, option: 'colour', values: colours, name: { en: 'Blender', fa: 'مخلوط‌کن', ar: 'خلاط', ru: 'Блендер', ms: 'Pengisar', th: 'เครื่องปั่น' } },
  { key: 'toaster', image: 'generic', category: 'small-appliances', priceRm: 119, option: 'colour', values: colours, name: { en: '2-Slice Toaster', fa: 'توستر دو اسلایس', ar: 'محمصة خبز بشريحتين', ru: 'Тостер на 2 ломтика', ms: 'Pembakar Roti 2 Keping', th: 'เครื่องปิ้งขนมปัง 2 แผ่น' } },
  { key: 'espresso', image: 'generic', category: 'small-appliances', priceRm: 899, option: 'colour', values: ['Black', 'Silver'], name: { en: 'Espresso Machine', fa: 'دستگاه اسپرسو', ar: 'آلة إسبريسو', ru: 'Эспрессо-машина', ms: 'Mesin Espresso', th: 'เครื่องชงกาแฟเอสเพรสโซ' } },
  { key: 'frying-pan', image: 'cookware', category: 'cookware', priceRm: 79, option: 'size', values: ['24 cm', '28 cm'], name: { en: 'Non-stick Frying Pan', fa: 'ماهیتابه نچسب', ar: 'مقلاة غير لاصقة', ru: 'Сковорода с антипригарным покрытием', ms: 'Kuali Leper Tidak Melekat', th: 'กระทะเคลือบกันติด' } },
  { key: 'wok', image: 'cookware', category: 'cookware', priceRm: 99, option: 'size', values: ['32 cm', '36 cm'], name: { en: 'Carbon Steel Wok', fa: 'ووک فولادی', ar: 'مقلاة ووك من الفولاذ الكربوني', ru: 'Вок из углеродистой стали', ms: 'Kuali Besi Karbon', th: 'กระทะจีนเหล็กคาร์บอน' } },
  { key: 'stockpot', image: 'cookware', category: 'cookware', priceRm: 139, option: 'capacity', values: ['5 L', '8 L'], name: { en: 'Stainless Steel Stockpot', fa: 'قابلمه استیل', ar: 'قدر من الفولاذ المقاوم للصدأ', ru: 'Кастрюля из нержавеющей стали', ms: 'Periuk Keluli Tahan Karat', th: 'หม้อสแตนเลส' } },
  { key: 'knife-set', image: 'generic', category: 'cookware', priceRm: 189, option: 'pieces', values: ['5-piece', '8-piece'], name: { en: 'Kitchen Knife Set', fa: 'سرویس چاقوی آشپزخانه', ar: 'طقم سكاكين مطبخ', ru: 'Набор кухонных ножей', ms: 'Set Pisau Dapur', th: 'ชุดมีดทำครัว' } },
  { key: 'flask', image: 'generic', category: 'cookware', priceRm: 59, option: 'colour', values: colours, name: { en: 'Vacuum Flask', fa: 'فلاسک', ar: 'ترمس', ru: 'Термос', ms: 'Kelalang Vakum', th: 'กระติกน้ำสุญญากาศ' } },
  { key: 'stand-fan', image: 'fan', category: 'cooling', priceRm: 149, option: 'colour', values: ['White', 'Black'], name: { en: 'Stand Fan', fa: 'پنکه ایستاده', ar: 'مروحة عمودية', ru: 'Напольный вентилятор', ms: 'Kipas Berdiri', th: 'พัดลมตั้งพื้น' } },
  { key: 'ceiling-fan', image: 'fan', category: 'cooling', priceRm: 399, option: 'size', values: ['42 in', '52 in'], name: { en: 'Ceiling Fan', fa: 'پنکه سقفی', ar: 'مروحة سقف', ru: 'Потолочный вентилятор', ms: 'Kipas Siling', th: 'พัดลมเพดาน' } },
  { key: 'tower-fan', image: 'fan', category: 'cooling', priceRm: 229, option: 'colour', values: ['White', 'Black'], name: { en: 'Tower Fan', fa: 'پنکه ستونی', ar: 'مروحة برجية', ru: 'Колонный вентилятор', ms: 'Kipas Menara', th: 'พัดลมทาวเวอร์' } },
  { key: 'air-purifier', image: 'generic', category: 'cooling', priceRm: 599, option: 'room', values: ['Up to 30 m²', 'Up to 50 m²'], name: { en: 'Air Purifier', fa: 'تصفیه‌کننده هوا', ar: 'منقي الهواء', ru: 'Очиститель воздуха', ms: 'Penulen Udara', th: 'เครื่องฟอกอากาศ' } },
  { key: 'desk-lamp', image: 'lamp', category: 'lighting', priceRm: 89, option: 'colour', values: colours, name: { en: 'LED Desk Lamp', fa: 'چراغ مطالعه ال‌ای‌دی', ar: 'مصباح مكتب LED', ru: 'Светодиодная настольная лампа', ms: 'Lampu Meja LED', th: 'โคมไฟตั้งโต๊ะ LED' } },
  { key: 'floor-lamp', image: 'lamp', category: 'lighting', priceRm: 259, option: 'colour', values: ['Black', 'Brass', 'White'], name: { en: 'Floor Lamp', fa: 'آباژور ایستاده', ar: 'مصباح أرضي', ru: 'Торшер', ms: 'Lampu Lantai', th: 'โคมไฟตั้งพื้น' } },
  { key: 'smart-bulb', image: 'lamp', category: 'lighting', priceRm: 39, option: 'pack', values: ['Single', '3-pack'], name: { en: 'Smart LED Bulb', fa: 'لامپ هوشمند ال‌ای‌دی', ar: 'مصباح LED ذكي', ru: 'Умная светодиодная лампа', ms: 'Mentol LED Pintar', th: 'หลอดไฟ LED อัจฉริยะ' } },
  { key: 'vacuum', image: 'generic', category: 'home-care', priceRm: 699, option: 'colour', values: ['Grey', 'Purple'], name: { en: 'Cordless Vacuum Cleaner', fa: 'جاروبرقی شارژی', ar: 'مكنسة كهربائية لاسلكية', ru: 'Беспроводной пылесос', ms: 'Pembersih Vakum Tanpa Wayar', th: 'เครื่องดูดฝุ่นไร้สาย' } },
  { key: 'steam-iron', image: 'generic', category: 'home-care', priceRm: 129, option: 'colour', values: ['Blue', 'White'], name: { en: 'Steam Iron', fa: 'اتو بخار', ar: 'مكواة بخار', ru: 'Паровой утюг', ms: 'Seterika Wap', th: 'เตารีดไอน้ำ' } },
  { key: 'tv-led', image: 'tv', category: 'tv-video', priceRm: 1599, option: 'size', values: ['43 in', '55 in', '65 in'], name: { en: '4K LED TV', fa: 'تلویزیون ال‌ای‌دی 4K', ar: 'تلفزيون LED بدقة 4K', ru: 'Светодиодный телевизор 4K', ms: 'TV LED 4K', th: 'ทีวี LED 4K' } },
  { key: 'tv-oled', image: 'tv', category: 'tv-video', priceRm: 4999, option: 'size', values: ['55 in', '65 in'], name: { en: 'OLED TV', fa: 'تلویزیون اولد', ar: 'تلفزيون OLED', ru: 'OLED-телевизор', ms: 'TV OLED', th: 'ทีวี OLED' } },
  { key: 'soundbar', image: 'tv', category: 'tv-video', priceRm: 799, option: 'channels', values: ['2.1', '5.1'], name: { en: 'Soundbar', fa: 'ساندبار', ar: 'مكبر صوت شريطي', ru: 'Саундбар', ms: 'Bar Bunyi', th: 'ซาวด์บาร์' } },
  { key: 'headphones', image: 'headphones', category: 'audio', priceRm: 499, option: 'colour', values: ['Black', 'Silver', 'Navy'], name: { en: 'Wireless Noise-Cancelling Headphones', fa: 'هدفون بی‌سیم حذف نویز', ar: 'سماعات رأس لاسلكية عازلة للضوضاء', ru: 'Беспроводные наушники с шумоподавлением', ms: 'Fon Kepala Tanpa Wayar Batal Hingar', th: 'หูฟังไร้สายตัดเสียงรบกวน' } },
  { key: 'earbuds', image: 'headphones', category: 'audio', priceRm: 249, option: 'colour', values: ['Black', 'White'], name: { en: 'True Wireless Earbuds', fa: 'هندزفری بی‌سیم', ar: 'سماعات أذن لاسلكية', ru: 'Беспроводные наушники-вкладыши', ms: 'Fon Telinga Tanpa Wayar', th: 'หูฟังไร้สายแบบอินเอียร์' } },
  { key: 'speaker', image: 'headphones', category: 'audio', priceRm: 199, option: 'colour', values: ['Black', 'Red', 'Teal'], name: { en: 'Bluetooth Speaker', fa: 'اسپیکر بلوتوث', ar: 'مكبر صوت بلوتوث', ru: 'Bluetooth-колонка', ms: 'Pembesar Suara Bluetooth', th: 'ลำโพงบลูทูธ' } },
  { key: 'monitor', image: 'tv', category: 'computing', priceRm: 899, option: 'size', values: ['24 in', '27 in'], name: { en: 'IPS Monitor', fa: 'مانیتور IPS', ar: 'شاشة IPS', ru: 'IPS-монитор', ms: 'Monitor IPS', th: 'จอมอนิเตอร์ IPS' } },
  { key: 'keyboard', image: 'generic', category: 'computing', priceRm: 299, option: 'layout', values: ['US', 'UK'], name: { en: 'Mechanical Keyboard', fa: 'کیبورد مکانیکی', ar: 'لوحة مفاتيح ميكانيكية', ru: 'Механическая клавиатура', ms: 'Papan Kekunci Mekanikal', th: 'คีย์บอร์ดแมคคานิคอล' } },
  { key: 'mouse', image: 'generic', category: 'computing', priceRm: 99, option: 'colour', values: ['Black', 'White', 'Pink'], name: { en: 'Wireless Mouse', fa: 'ماوس بی‌سیم', ar: 'فأرة لاسلكية', ru: 'Беспроводная мышь', ms: 'Tetikus Tanpa Wayar', th: 'เมาส์ไร้สาย' } },
  { key: 'power-bank', image: 'generic', category: 'power', priceRm: 119, option: 'capacity', values: ['10,000 mAh', '20,000 mAh'], name: { en: 'Power Bank', fa: 'پاوربانک', ar: 'شاحن متنقل', ru: 'Внешний аккумулятор', ms: 'Bank Kuasa', th: 'พาวเวอร์แบงค์' } },
  { key: 'charger', image: 'generic', category: 'power', priceRm: 89, option: 'power', values: ['30 W', '65 W'], name: { en: 'USB-C Fast Charger', fa: 'شارژر سریع USB-C', ar: 'شاحن سريع USB-C', ru: 'Быстрое зарядное устройство USB-C', ms: 'Pengecas Pantas USB-C', th: 'ที่ชาร์จเร็ว USB-C' } },
];

/** House and partner brands; each kind comes in one model per brand. */
export const DEMO_BRANDS = ['Brightline', 'Kelvar', 'Nuvo', 'Orla', 'Tanjung', 'Selva', 'Aerin', 'Mira', 'Pulse', 'Zenith', 'Halo'];
export const DEMO_SERIES = ['One', 'Pro', 'Lite', 'Max', 'Air', 'Plus', 'Neo', 'Go', 'Prime', 'S', 'X'];

/** Description template per locale; {name} is the product name in that locale. */
export const DESCRIPTION: Localized = {
  en: '{name} from Brightline. Two-year warranty; order online and collect in store, often the same day.',
  fa: '{name} از برایت‌لاین. دو سال گارانتی؛ آنلاین سفارش دهید و همان روز از فروشگاه تحویل بگیرید.',
  ar: '{name} من برايتلاين. ضمان لمدة سنتين؛ اطلب عبر الإنترنت واستلم من المتجر، غالبًا في اليوم نفسه.',
  ru: '{name} от Brightline. Гарантия два года; закажите онлайн и заберите в магазине, часто в тот же день.',
  ms: '{name} daripada Brightline. Jaminan dua tahun; pesan dalam talian dan ambil di kedai, selalunya pada hari yang sama.',
  th: '{name} จาก Brightline รับประกันสองปี สั่งออนไลน์แล้วรับที่ร้าน ส่วนใหญ่ได้ภายในวันเดียวกัน',
};
