import type { StoreService } from '../stores/store.table.ts';

/** Brightline's Klang Valley stores: real malls and streets, with their coordinates. */
export interface DemoStore {
  code: string; name: string; line1: string; city: string; region: string; postcode: string; lat: number; lng: number;
  hours: 'mall' | 'street' | 'late'; services: StoreService[]; prep: number; phone: string;
}

const ALL: StoreService[] = ['pickup', 'returns', 'reserve_pay_in_store', 'ship_from_store'];
const STD: StoreService[] = ['pickup', 'returns', 'reserve_pay_in_store'];
const KL = 'Kuala Lumpur';
const WP = 'Wilayah Persekutuan Kuala Lumpur';
const SGR = 'Selangor';

export const DEMO_STORES: DemoStore[] = [
  { code: 'PAV', name: 'Brightline Pavilion KL', line1: 'Lot 4.12, Pavilion Kuala Lumpur, 168 Jalan Bukit Bintang', city: KL, region: WP, postcode: '55100', lat: 3.1488, lng: 101.7133, hours: 'late', services: ALL, prep: 30, phone: '+60 3-2148 8101' },
  { code: 'KLCC', name: 'Brightline Suria KLCC', line1: 'Lot 302, Level 3, Suria KLCC, Jalan Ampang', city: KL, region: WP, postcode: '50088', lat: 3.1580, lng: 101.7119, hours: 'mall', services: ALL, prep: 30, phone: '+60 3-2382 0102' },
  { code: 'MV', name: 'Brightline Mid Valley', line1: 'Lot S-045, Mid Valley Megamall, Lingkaran Syed Putra', city: KL, region: WP, postcode: '59200', lat: 3.1178, lng: 101.6773, hours: 'late', services: ALL, prep: 45, phone: '+60 3-2938 3103' },
  { code: 'GDN', name: 'Brightline The Gardens Mall', line1: 'Lot T-218, The Gardens Mall, Lingkaran Syed Putra', city: KL, region: WP, postcode: '59200', lat: 3.1183, lng: 101.6760, hours: 'mall', services: STD, prep: 45, phone: '+60 3-2282 3104' },
  { code: 'BSR', name: 'Brightline Bangsar', line1: '12 Jalan Telawi 3, Bangsar Baru', city: KL, region: WP, postcode: '59100', lat: 3.1307, lng: 101.6711, hours: 'street', services: STD, prep: 60, phone: '+60 3-2284 5105' },
  { code: 'BSC', name: 'Brightline BSC Bangsar', line1: 'Lot G-28, BSC Bangsar, 1 Jalan Tetawi 1', city: KL, region: WP, postcode: '59700', lat: 3.1443, lng: 101.6655, hours: 'mall', services: STD, prep: 60, phone: '+60 3-2094 7106' },
  { code: 'SVM', name: 'Brightline Sunway Velocity', line1: 'Lot L2-33, Sunway Velocity Mall, Lingkaran SV, Cheras', city: KL, region: WP, postcode: '55100', lat: 3.1282, lng: 101.7236, hours: 'mall', services: ALL, prep: 45, phone: '+60 3-2704 1107' },
  { code: 'SPY', name: 'Brightline Sunway Pyramid', line1: 'Lot OB1.22, Sunway Pyramid, 3 Jalan PJS 11/15, Bandar Sunway', city: 'Subang Jaya', region: SGR, postcode: '47500', lat: 3.0733, lng: 101.6072, hours: 'late', services: ALL, prep: 45, phone: '+60 3-7492 2108' },
  { code: '1U', name: 'Brightline 1 Utama', line1: 'Lot F333, 1 Utama, 1 Lebuh Bandar Utama', city: 'Petaling Jaya', region: SGR, postcode: '47800', lat: 3.1502, lng: 101.6152, hours: 'late', services: ALL, prep: 45, phone: '+60 3-7710 9109' },
  { code: 'CRV', name: 'Brightline The Curve', line1: 'Lot 128, The Curve, 6 Jalan PJU 7/3, Mutiara Damansara', city: 'Petaling Jaya', region: SGR, postcode: '47800', lat: 3.1586, lng: 101.6113, hours: 'mall', services: STD, prep: 60, phone: '+60 3-7710 6110' },
  { code: 'IOI', name: 'Brightline IOI City Mall', line1: 'Lot L1-45, IOI City Mall, Lebuh IRC, IOI Resort City', city: 'Putrajaya', region: 'Wilayah Persekutuan Putrajaya', postcode: '62502', lat: 2.9697, lng: 101.7131, hours: 'mall', services: ALL, prep: 60, phone: '+60 3-8328 8111' },
  { code: 'MYT', name: 'Brightline MyTOWN', line1: 'Lot L1-030, MyTOWN KL, 6 Jalan Cochrane', city: KL, region: WP, postcode: '55100', lat: 3.1365, lng: 101.7240, hours: 'mall', services: STD, prep: 45, phone: '+60 3-9202 3112' },
  { code: 'BTS', name: 'Brightline Berjaya Times Square', line1: 'Lot 05-88, Berjaya Times Square, 1 Jalan Imbi', city: KL, region: WP, postcode: '55100', lat: 3.1425, lng: 101.7107, hours: 'late', services: STD, prep: 30, phone: '+60 3-2144 9113' },
  { code: 'L10', name: 'Brightline Lot 10', line1: 'Lot G-10, Lot 10, 50 Jalan Sultan Ismail', city: KL, region: WP, postcode: '50250', lat: 3.1467, lng: 101.7118, hours: 'mall', services: STD, prep: 30, phone: '+60 3-2141 0114' },
  { code: 'LOWYAT', name: 'Brightline Plaza Low Yat', line1: 'Lot G-15, Plaza Low Yat, 7 Jalan 1/77, off Jalan Bukit Bintang', city: KL, region: WP, postcode: '55100', lat: 3.1442, lng: 101.7104, hours: 'mall', services: ALL, prep: 20, phone: '+60 3-2148 3115' },
  { code: 'SPM', name: 'Brightline Sunway Putra Mall', line1: 'Lot 2-18, Sunway Putra Mall, 100 Jalan Putra', city: KL, region: WP, postcode: '50350', lat: 3.1665, lng: 101.6925, hours: 'mall', services: STD, prep: 45, phone: '+60 3-4040 2116' },
  { code: 'NUS', name: 'Brightline NU Sentral', line1: 'Lot 3.21, NU Sentral, 201 Jalan Tun Sambanthan, Brickfields', city: KL, region: WP, postcode: '50470', lat: 3.1333, lng: 101.6865, hours: 'mall', services: STD, prep: 30, phone: '+60 3-2859 7117' },
  { code: 'PUB', name: 'Brightline Publika', line1: 'Lot A2-G1-08, Publika, 1 Jalan Dutamas 1, Solaris Dutamas', city: KL, region: WP, postcode: '50480', lat: 3.1711, lng: 101.6654, hours: 'street', services: STD, prep: 60, phone: '+60 3-6211 4118' },
  { code: 'AVK', name: 'Brightline Avenue K', line1: 'Lot L1-09, Avenue K, 156 Jalan Ampang', city: KL, region: WP, postcode: '50450', lat: 3.1594, lng: 101.7135, hours: 'mall', services: STD, prep: 30, phone: '+60 3-2168 7119' },
  { code: 'QCM', name: 'Brightline Quill City Mall', line1: 'Lot 3-07, Quill City Mall, 1018 Jalan Sultan Ismail', city: KL, region: WP, postcode: '50250', lat: 3.1627, lng: 101.6997, hours: 'mall', services: STD, prep: 45, phone: '+60 3-2602 3120' },
  { code: 'SCT', name: 'Brightline Setapak Central', line1: 'Lot F-12, Setapak Central, Jalan Taman Ibu Kota, Taman Danau Kota', city: KL, region: WP, postcode: '53300', lat: 3.2045, lng: 101.7220, hours: 'mall', services: STD, prep: 60, phone: '+60 3-4142 1121' },
  { code: 'WWK', name: 'Brightline Wangsa Walk', line1: 'Lot F-23, Wangsa Walk Mall, Jalan Wangsa Perdana 1, Wangsa Maju', city: KL, region: WP, postcode: '53300', lat: 3.2055, lng: 101.7437, hours: 'mall', services: STD, prep: 60, phone: '+60 3-4142 5122' },
  { code: 'CLM', name: 'Brightline Cheras LeisureMall', line1: 'Lot G-31, Cheras LeisureMall, Jalan Manis 6, Taman Segar', city: KL, region: WP, postcode: '56100', lat: 3.0914, lng: 101.7435, hours: 'mall', services: STD, prep: 60, phone: '+60 3-9132 6123' },
  { code: 'PDG', name: 'Brightline Paradigm Mall', line1: 'Lot LG-58, Paradigm Mall, 1 Jalan SS 7/26A, Kelana Jaya', city: 'Petaling Jaya', region: SGR, postcode: '47301', lat: 3.1047, lng: 101.5956, hours: 'mall', services: ALL, prep: 45, phone: '+60 3-7887 1124' },
  { code: 'ATR', name: 'Brightline Atria', line1: 'Lot G-20, The Atria, Jalan SS 22/23, Damansara Jaya', city: 'Petaling Jaya', region: SGR, postcode: '47400', lat: 3.1282, lng: 101.6275, hours: 'mall', services: STD, prep: 60, phone: '+60 3-7733 5125' },
  { code: 'PBJ', name: 'Brightline Pavilion Bukit Jalil', line1: 'Lot 2.45, Pavilion Bukit Jalil, 2 Persiaran Jalil 8', city: KL, region: WP, postcode: '57000', lat: 3.0497, lng: 101.6706, hours: 'late', services: ALL, prep: 45, phone: '+60 3-8994 0126' },
  { code: 'DPC', name: 'Brightline Desa ParkCity', line1: 'Unit G-07, The Waterfront, 5 Persiaran Residen, Desa ParkCity', city: KL, region: WP, postcode: '52200', lat: 3.1858, lng: 101.6299, hours: 'street', services: STD, prep: 60, phone: '+60 3-6280 7127' },
  { code: 'MKR', name: 'Brightline Mont Kiara', line1: 'Lot 1-12, 163 Retail Park, 8 Jalan Kiara, Mont Kiara', city: KL, region: WP, postcode: '50480', lat: 3.1653, lng: 101.6519, hours: 'street', services: STD, prep: 60, phone: '+60 3-6201 8128' },
  { code: 'AMP', name: 'Brightline Ampang Point', line1: 'Lot G-22, Ampang Point, Jalan Mamanda 3, Ampang', city: 'Ampang', region: SGR, postcode: '68000', lat: 3.1593, lng: 101.7497, hours: 'mall', services: STD, prep: 60, phone: '+60 3-4252 3129' },
];

const every = (open: string, close: string) => ({ open, close });
/** Local opening hours by store type: malls 10-22, late malls to 23:00 at weekends, street stores shorter on Sunday. */
export const HOURS = {
  mall: { mon: [every('10:00', '22:00')], tue: [every('10:00', '22:00')], wed: [every('10:00', '22:00')], thu: [every('10:00', '22:00')], fri: [every('10:00', '22:00')], sat: [every('10:00', '22:00')], sun: [every('10:00', '22:00')] },
  late: { mon: [every('10:00', '22:00')], tue: [every('10:00', '22:00')], wed: [every('10:00', '22:00')], thu: [every('10:00', '22:00')], fri: [every('10:00', '23:00')], sat: [every('10:00', '23:00')], sun: [every('10:00', '22:00')] },
  street: { mon: [every('09:00', '21:00')], tue: [every('09:00', '21:00')], wed: [every('09:00', '21:00')], thu: [every('09:00', '21:00')], fri: [every('09:00', '21:00')], sat: [every('09:00', '21:00')], sun: [every('11:00', '18:00')] },
};

/** Special hours a few stores keep: holidays closed, year-end late nights. */
export const HOURS_EXCEPTIONS: { codes: string[]; date: string; closed: boolean; intervals: { open: string; close: string }[]; note: string }[] = [
  { codes: ['BSR', 'PUB', 'DPC', 'MKR'], date: '2026-12-25', closed: true, intervals: [], note: 'Christmas Day' },
  { codes: ['PAV', 'MV', 'SPY', '1U', 'PBJ'], date: '2026-12-31', closed: false, intervals: [every('10:00', '01:00')], note: "New Year's Eve late opening" },
  { codes: ['BSR', 'PUB'], date: '2027-01-01', closed: false, intervals: [every('12:00', '18:00')], note: "New Year's Day" },
  { codes: ['KLCC', 'L10'], date: '2027-02-17', closed: false, intervals: [every('12:00', '20:00')], note: 'Chinese New Year' },
  { codes: ['SCT', 'WWK', 'CLM'], date: '2027-03-10', closed: true, intervals: [], note: 'Hari Raya Aidilfitri' },
];

/** Stores with a demo manager and associate. */
export const STAFFED_STORES = ['PAV', 'KLCC', 'MV', 'BSR'];
