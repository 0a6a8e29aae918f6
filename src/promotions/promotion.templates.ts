import type { MessageTemplate, RenderedMessage } from '../notifications/templates.ts';

type D = Record<string, any>;
const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const dir = (locale: string) => (locale === 'fa' || locale === 'ar' ? 'rtl' : 'ltr');

/** Email gets paragraphs and a link; SMS uses the text part, so the code comes first and stays short. */
function message(locale: string, subject: string, paragraphs: string[], d: D): RenderedMessage {
  return {
    subject,
    text: [...paragraphs, d.url ?? ''].filter(Boolean).join('\n'),
    html: `<div dir="${dir(locale)}">${paragraphs.map((p) => `<p>${esc(p)}</p>`).join('')}${d.url ? `<p><a href="${esc(d.url)}">${esc(d.url)}</a></p>` : ''}</div>`,
  };
}

const until = (d: D) => (d.validUntil ? ` (${d.validUntil})` : '');

/** A campaign code sent to a customer of a targeted audience. */
const codeSent: MessageTemplate = {
  en: (d) => message('en', `A gift from ${d.shopName}: ${d.offerName}`, [`Your code: ${d.code}${until(d)}`, `${d.offerName}. Show this code at the till in any of our stores, or enter it at checkout.`], d),
  fa: (d) => message('fa', `هدیه‌ای از ${d.shopName}: ${d.offerName}`, [`کد شما: ${d.code}${until(d)}`, `${d.offerName}. این کد را در صندوق هر یک از فروشگاه‌های ما نشان دهید یا هنگام پرداخت وارد کنید.`], d),
  ar: (d) => message('ar', `هدية من ${d.shopName}: ${d.offerName}`, [`رمزك: ${d.code}${until(d)}`, `${d.offerName}. أظهر هذا الرمز عند الصندوق في أي من متاجرنا، أو أدخله عند الدفع.`], d),
  ru: (d) => message('ru', `Подарок от ${d.shopName}: ${d.offerName}`, [`Ваш код: ${d.code}${until(d)}`, `${d.offerName}. Покажите код на кассе в любом нашем магазине или введите его при оформлении заказа.`], d),
  ms: (d) => message('ms', `Hadiah daripada ${d.shopName}: ${d.offerName}`, [`Kod anda: ${d.code}${until(d)}`, `${d.offerName}. Tunjukkan kod ini di kaunter mana-mana kedai kami, atau masukkannya semasa pembayaran.`], d),
  th: (d) => message('th', `ของขวัญจาก ${d.shopName}: ${d.offerName}`, [`รหัสของคุณ: ${d.code}${until(d)}`, `${d.offerName} แสดงรหัสนี้ที่แคชเชียร์ในร้านใดก็ได้ของเรา หรือกรอกตอนชำระเงิน`], d),
};

/** A contest winner's prize code. */
const contestWon: MessageTemplate = {
  en: (d) => message('en', `You won: ${d.contestName}`, [`Congratulations! You are one of the winners of ${d.contestName}.`, `Your prize code: ${d.code}${until(d)}`], d),
  fa: (d) => message('fa', `برنده شدید: ${d.contestName}`, [`تبریک! شما یکی از برندگان ${d.contestName} هستید.`, `کد جایزه شما: ${d.code}${until(d)}`], d),
  ar: (d) => message('ar', `لقد فزت: ${d.contestName}`, [`تهانينا! أنت أحد الفائزين في ${d.contestName}.`, `رمز جائزتك: ${d.code}${until(d)}`], d),
  ru: (d) => message('ru', `Вы выиграли: ${d.contestName}`, [`Поздравляем! Вы среди победителей розыгрыша «${d.contestName}».`, `Ваш призовой код: ${d.code}${until(d)}`], d),
  ms: (d) => message('ms', `Anda menang: ${d.contestName}`, [`Tahniah! Anda salah seorang pemenang ${d.contestName}.`, `Kod hadiah anda: ${d.code}${until(d)}`], d),
  th: (d) => message('th', `คุณได้รับรางวัล: ${d.contestName}`, [`ยินดีด้วย! คุณเป็นหนึ่งในผู้โชคดีของ ${d.contestName}`, `รหัสรางวัลของคุณ: ${d.code}${until(d)}`], d),
};

/** A prepaid voucher bought online, to redeem in store. */
const voucherPurchased: MessageTemplate = {
  en: (d) => message('en', `Your voucher: ${d.title}`, [`Thank you for your purchase of ${d.title}.`, `Voucher code: ${d.code}, valid until ${d.validUntil}.`, 'Show the code at the till of a participating store.'], d),
  fa: (d) => message('fa', `کارت هدیه شما: ${d.title}`, [`از خرید ${d.title} سپاسگزاریم.`, `کد کارت: ${d.code}، معتبر تا ${d.validUntil}.`, 'کد را در صندوق یکی از فروشگاه‌های همکار نشان دهید.'], d),
  ar: (d) => message('ar', `قسيمتك: ${d.title}`, [`شكراً لشرائك ${d.title}.`, `رمز القسيمة: ${d.code}، صالحة حتى ${d.validUntil}.`, 'أظهر الرمز عند الصندوق في أحد المتاجر المشاركة.'], d),
  ru: (d) => message('ru', `Ваш ваучер: ${d.title}`, [`Спасибо за покупку: ${d.title}.`, `Код ваучера: ${d.code}, действует до ${d.validUntil}.`, 'Покажите код на кассе участвующего магазина.'], d),
  ms: (d) => message('ms', `Baucar anda: ${d.title}`, [`Terima kasih kerana membeli ${d.title}.`, `Kod baucar: ${d.code}, sah sehingga ${d.validUntil}.`, 'Tunjukkan kod di kaunter kedai yang mengambil bahagian.'], d),
  th: (d) => message('th', `บัตรกำนัลของคุณ: ${d.title}`, [`ขอบคุณที่ซื้อ ${d.title}`, `รหัสบัตรกำนัล: ${d.code} ใช้ได้ถึง ${d.validUntil}`, 'แสดงรหัสที่แคชเชียร์ของร้านที่ร่วมรายการ'], d),
};

/** An unredeemed voucher refunded at expiry. */
const voucherRefunded: MessageTemplate = {
  en: (d) => message('en', `Voucher refunded: ${d.title}`, [`Your voucher ${d.code} for ${d.title} expired unused, so we refunded ${d.amount}.`], d),
  fa: (d) => message('fa', `بازپرداخت کارت: ${d.title}`, [`کارت ${d.code} برای ${d.title} بدون استفاده منقضی شد و مبلغ ${d.amount} بازپرداخت شد.`], d),
  ar: (d) => message('ar', `تم استرداد القسيمة: ${d.title}`, [`انتهت صلاحية قسيمتك ${d.code} لـ ${d.title} دون استخدام، لذا استرددنا ${d.amount}.`], d),
  ru: (d) => message('ru', `Возврат за ваучер: ${d.title}`, [`Ваучер ${d.code} (${d.title}) истёк неиспользованным, мы вернули ${d.amount}.`], d),
  ms: (d) => message('ms', `Baucar dipulangkan: ${d.title}`, [`Baucar anda ${d.code} untuk ${d.title} tamat tempoh tanpa digunakan, jadi kami memulangkan ${d.amount}.`], d),
  th: (d) => message('th', `คืนเงินบัตรกำนัล: ${d.title}`, [`บัตรกำนัล ${d.code} สำหรับ ${d.title} หมดอายุโดยไม่ได้ใช้ เราได้คืนเงิน ${d.amount} แล้ว`], d),
};

export const promotionTemplates: Record<string, MessageTemplate> = {
  'promotions.code_sent': codeSent,
  'promotions.contest_won': contestWon,
  'promotions.voucher_purchased': voucherPurchased,
  'promotions.voucher_refunded': voucherRefunded,
};
