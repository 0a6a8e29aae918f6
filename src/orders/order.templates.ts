import type { MessageTemplate, RenderedMessage } from '../notifications/templates.ts';

type D = Record<string, any>;
const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const dir = (locale: string) => (locale === 'fa' || locale === 'ar' ? 'rtl' : 'ltr');

function message(locale: string, subject: string, paragraphs: string[], d: D): RenderedMessage {
  const qr = d.qrUrl ? `<p><img src="${esc(d.qrUrl)}" alt="QR" width="200" height="200"></p>` : '';
  return {
    subject,
    text: [...paragraphs, d.orderUrl ? d.orderUrl : ''].filter(Boolean).join('\n\n'),
    html: `<div dir="${dir(locale)}">${paragraphs.map((p) => `<p>${esc(p)}</p>`).join('')}${qr}${d.orderUrl ? `<p><a href="${esc(d.orderUrl)}">${esc(d.orderUrl)}</a></p>` : ''}</div>`,
  };
}

/** Ready for pickup: the code, where, and by when. */
const ready: MessageTemplate = {
  en: (d) => message('en', `Order ${d.orderNumber} is ready for pickup`, [`Your order ${d.orderNumber} is ready at ${d.storeName}, ${d.storeAddress}.`, `Pickup code: ${d.pickupCode}`, `Please collect it by ${d.pickupBy}. Show the code or the QR code at the counter.`], d),
  fa: (d) => message('fa', `سفارش ${d.orderNumber} آماده تحویل است`, [`سفارش ${d.orderNumber} شما در ${d.storeName}، ${d.storeAddress} آماده است.`, `کد تحویل: ${d.pickupCode}`, `لطفاً تا ${d.pickupBy} آن را تحویل بگیرید. کد یا کد QR را در پیشخوان نشان دهید.`], d),
  ar: (d) => message('ar', `الطلب ${d.orderNumber} جاهز للاستلام`, [`طلبك ${d.orderNumber} جاهز في ${d.storeName}، ${d.storeAddress}.`, `رمز الاستلام: ${d.pickupCode}`, `يرجى الاستلام قبل ${d.pickupBy}. أظهر الرمز أو رمز QR عند المنضدة.`], d),
  ru: (d) => message('ru', `Заказ ${d.orderNumber} готов к выдаче`, [`Ваш заказ ${d.orderNumber} ждёт вас в магазине ${d.storeName}, ${d.storeAddress}.`, `Код выдачи: ${d.pickupCode}`, `Заберите его до ${d.pickupBy}. Покажите код или QR-код на кассе.`], d),
  ms: (d) => message('ms', `Pesanan ${d.orderNumber} sedia untuk diambil`, [`Pesanan anda ${d.orderNumber} sedia di ${d.storeName}, ${d.storeAddress}.`, `Kod pengambilan: ${d.pickupCode}`, `Sila ambil sebelum ${d.pickupBy}. Tunjukkan kod atau kod QR di kaunter.`], d),
  th: (d) => message('th', `คำสั่งซื้อ ${d.orderNumber} พร้อมให้รับแล้ว`, [`คำสั่งซื้อ ${d.orderNumber} ของคุณพร้อมแล้วที่ ${d.storeName}, ${d.storeAddress}`, `รหัสรับสินค้า: ${d.pickupCode}`, `กรุณารับสินค้าภายใน ${d.pickupBy} แสดงรหัสหรือคิวอาร์โค้ดที่เคาน์เตอร์`], d),
};

const cancelled: MessageTemplate = {
  en: (d) => message('en', `Order ${d.orderNumber} was cancelled`, [`Your order ${d.orderNumber} was cancelled${d.reason ? `: ${d.reason}` : ''}.`, 'Any payment authorization has been released; nothing was charged for cancelled items.'], d),
  fa: (d) => message('fa', `سفارش ${d.orderNumber} لغو شد`, [`سفارش ${d.orderNumber} شما لغو شد${d.reason ? `: ${d.reason}` : ''}.`, 'هر مبلغ مسدودشده آزاد شد؛ برای اقلام لغوشده هزینه‌ای دریافت نشد.'], d),
  ar: (d) => message('ar', `تم إلغاء الطلب ${d.orderNumber}`, [`تم إلغاء طلبك ${d.orderNumber}${d.reason ? `: ${d.reason}` : ''}.`, 'تم تحرير أي مبلغ محجوز؛ لم يتم خصم أي مبلغ مقابل العناصر الملغاة.'], d),
  ru: (d) => message('ru', `Заказ ${d.orderNumber} отменён`, [`Ваш заказ ${d.orderNumber} отменён${d.reason ? `: ${d.reason}` : ''}.`, 'Блокировка средств снята; за отменённые товары оплата не списана.'], d),
  ms: (d) => message('ms', `Pesanan ${d.orderNumber} dibatalkan`, [`Pesanan anda ${d.orderNumber} telah dibatalkan${d.reason ? `: ${d.reason}` : ''}.`, 'Sebarang kebenaran bayaran telah dilepaskan; tiada caj untuk item yang dibatalkan.'], d),
  th: (d) => message('th', `คำสั่งซื้อ ${d.orderNumber} ถูกยกเลิก`, [`คำสั่งซื้อ ${d.orderNumber} ของคุณถูกยกเลิกแล้ว${d.reason ? `: ${d.reason}` : ''}`, 'การกันวงเงินถูกยกเลิกแล้ว ไม่มีการเรียกเก็บเงินสำหรับสินค้าที่ยกเลิก'], d),
};

const noShow: MessageTemplate = {
  en: (d) => message('en', `Order ${d.orderNumber} was not collected`, [`Your order ${d.orderNumber} at ${d.storeName} was not collected in time, so the items have gone back on the shelf.`, 'Your payment authorization has been released.'], d),
  fa: (d) => message('fa', `سفارش ${d.orderNumber} تحویل گرفته نشد`, [`سفارش ${d.orderNumber} شما در ${d.storeName} به‌موقع تحویل گرفته نشد و اقلام به قفسه بازگشتند.`, 'مبلغ مسدودشده آزاد شد.'], d),
  ar: (d) => message('ar', `لم يتم استلام الطلب ${d.orderNumber}`, [`لم يتم استلام طلبك ${d.orderNumber} في ${d.storeName} في الوقت المحدد، فأعيدت المنتجات إلى الرفوف.`, 'تم تحرير المبلغ المحجوز.'], d),
  ru: (d) => message('ru', `Заказ ${d.orderNumber} не был получен`, [`Ваш заказ ${d.orderNumber} в магазине ${d.storeName} не забрали вовремя, товары вернулись на полку.`, 'Блокировка средств снята.'], d),
  ms: (d) => message('ms', `Pesanan ${d.orderNumber} tidak diambil`, [`Pesanan anda ${d.orderNumber} di ${d.storeName} tidak diambil tepat pada masanya, jadi item telah dikembalikan ke rak.`, 'Kebenaran bayaran anda telah dilepaskan.'], d),
  th: (d) => message('th', `คำสั่งซื้อ ${d.orderNumber} ไม่ได้รับสินค้า`, [`คำสั่งซื้อ ${d.orderNumber} ที่ ${d.storeName} ไม่ได้รับภายในเวลาที่กำหนด สินค้าจึงถูกนำกลับขึ้นชั้นวาง`, 'การกันวงเงินของคุณถูกยกเลิกแล้ว'], d),
};

const placed: MessageTemplate = {
  en: (d) => message('en', `We have your order ${d.orderNumber}`, [`Thank you! Order ${d.orderNumber} is reserved at ${d.storeName}.`, `We will tell you as soon as it is ready.${d.payInStore ? ` Pay at the store by ${d.pickupBy}.` : ''}`], d),
  fa: (d) => message('fa', `سفارش ${d.orderNumber} ثبت شد`, [`سپاسگزاریم! سفارش ${d.orderNumber} در ${d.storeName} رزرو شد.`, `به محض آماده شدن به شما خبر می‌دهیم.${d.payInStore ? ` تا ${d.pickupBy} در فروشگاه پرداخت کنید.` : ''}`], d),
  ar: (d) => message('ar', `استلمنا طلبك ${d.orderNumber}`, [`شكراً! تم حجز الطلب ${d.orderNumber} في ${d.storeName}.`, `سنخبرك فور تجهيزه.${d.payInStore ? ` ادفع في المتجر قبل ${d.pickupBy}.` : ''}`], d),
  ru: (d) => message('ru', `Заказ ${d.orderNumber} принят`, [`Спасибо! Заказ ${d.orderNumber} зарезервирован в магазине ${d.storeName}.`, `Мы сообщим, как только он будет готов.${d.payInStore ? ` Оплатите в магазине до ${d.pickupBy}.` : ''}`], d),
  ms: (d) => message('ms', `Pesanan ${d.orderNumber} diterima`, [`Terima kasih! Pesanan ${d.orderNumber} ditempah di ${d.storeName}.`, `Kami akan memaklumkan anda sebaik sahaja ia sedia.${d.payInStore ? ` Bayar di kedai sebelum ${d.pickupBy}.` : ''}`], d),
  th: (d) => message('th', `ได้รับคำสั่งซื้อ ${d.orderNumber} แล้ว`, [`ขอบคุณ! คำสั่งซื้อ ${d.orderNumber} ถูกจองไว้ที่ ${d.storeName}`, `เราจะแจ้งให้ทราบทันทีที่พร้อม${d.payInStore ? ` กรุณาชำระเงินที่ร้านภายใน ${d.pickupBy}` : ''}`], d),
};

export const orderTemplates: Record<string, MessageTemplate> = {
  'order.placed': placed,
  'order.ready_for_pickup': ready,
  'order.cancelled': cancelled,
  'order.no_show': noShow,
};
