import type { Locale, MessageTemplate, RenderedMessage } from './templates.ts';

const RTL: ReadonlySet<string> = new Set(['fa', 'ar']);

export const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Subject + paragraphs rendered as text and as a minimal HTML mail (right-to-left for fa and ar). */
export function plainMessage(locale: Locale, subject: string, paragraphs: string[]): RenderedMessage {
  const dir = RTL.has(locale) ? 'rtl' : 'ltr';
  const html = `<!doctype html><html lang="${locale}" dir="${dir}"><body style="font-family:sans-serif">` +
    paragraphs.map((p) => `<p>${escapeHtml(p).replaceAll('\n', '<br>')}</p>`).join('') + '</body></html>';
  return { subject, text: paragraphs.join('\n\n'), html };
}

type Data = Record<string, any>;
const localized = (by: Record<Locale, (d: Data) => [string, string[]]>): MessageTemplate =>
  Object.fromEntries(Object.entries(by).map(([locale, f]) => [locale, (d: Data) => plainMessage(locale as Locale, ...f(d))])) as MessageTemplate;

/** Sent when a shopper registers: data { name, shop, email }. */
export const accountWelcome = localized({
  en: (d) => [`Welcome to ${d.shop}`, [`Hi ${d.name},`, `Your ${d.shop} account is ready. Sign in with ${d.email} to see your orders, store pick-ups and rewards.`, 'See you in store!']],
  fa: (d) => [`به ${d.shop} خوش آمدید`, [`سلام ${d.name}،`, `حساب کاربری شما در ${d.shop} آماده است. با ${d.email} وارد شوید تا سفارش‌ها، تحویل‌های حضوری و پاداش‌های خود را ببینید.`, 'به امید دیدار در فروشگاه!']],
  ar: (d) => [`مرحبًا بك في ${d.shop}`, [`مرحبًا ${d.name}،`, `حسابك في ${d.shop} جاهز. سجّل الدخول باستخدام ${d.email} لمتابعة طلباتك واستلامك من المتجر ومكافآتك.`, 'نراك في المتجر!']],
  ru: (d) => [`Добро пожаловать в ${d.shop}`, [`Здравствуйте, ${d.name}!`, `Ваша учётная запись в ${d.shop} готова. Войдите с адресом ${d.email}, чтобы видеть свои заказы, самовывоз и бонусы.`, 'До встречи в магазине!']],
  ms: (d) => [`Selamat datang ke ${d.shop}`, [`Hai ${d.name},`, `Akaun ${d.shop} anda sudah sedia. Log masuk dengan ${d.email} untuk melihat pesanan, pengambilan di kedai dan ganjaran anda.`, 'Jumpa di kedai!']],
  th: (d) => [`ยินดีต้อนรับสู่ ${d.shop}`, [`สวัสดีคุณ ${d.name}`, `บัญชี ${d.shop} ของคุณพร้อมใช้งานแล้ว เข้าสู่ระบบด้วย ${d.email} เพื่อดูคำสั่งซื้อ การรับสินค้าที่ร้าน และรางวัลของคุณ`, 'แล้วพบกันที่ร้าน!']],
});

/** A merchant checks that email or SMS reaches people: data { shop }. */
export const notificationTest = localized({
  en: (d) => [`Test message from ${d.shop}`, [`This is a test message from ${d.shop}. If you received it, messages from Footfall reach you.`]],
  fa: (d) => [`پیام آزمایشی از ${d.shop}`, [`این یک پیام آزمایشی از ${d.shop} است. اگر آن را دریافت کرده‌اید، پیام‌های Footfall به دست شما می‌رسد.`]],
  ar: (d) => [`رسالة تجريبية من ${d.shop}`, [`هذه رسالة تجريبية من ${d.shop}. إذا وصلتك، فإن رسائل Footfall تصل إليك.`]],
  ru: (d) => [`Тестовое сообщение от ${d.shop}`, [`Это тестовое сообщение от ${d.shop}. Если вы его получили, сообщения Footfall до вас доходят.`]],
  ms: (d) => [`Mesej ujian daripada ${d.shop}`, [`Ini ialah mesej ujian daripada ${d.shop}. Jika anda menerimanya, mesej daripada Footfall sampai kepada anda.`]],
  th: (d) => [`ข้อความทดสอบจาก ${d.shop}`, [`นี่คือข้อความทดสอบจาก ${d.shop} หากคุณได้รับข้อความนี้ แสดงว่าข้อความจาก Footfall ส่งถึงคุณแล้ว`]],
});

/** Sent when a shopper asks to reset the password: data { name, shop, link, minutes }. */
export const accountPasswordReset = localized({
  en: (d) => [`Reset your ${d.shop} password`, [`Hi ${d.name},`, `Someone (hopefully you) asked to reset the password of your ${d.shop} account. Open this link within ${d.minutes} minutes to choose a new one:`, d.link, 'If it was not you, ignore this message: your password stays as it is.']],
  fa: (d) => [`بازنشانی رمز عبور ${d.shop}`, [`سلام ${d.name}،`, `کسی (امیدواریم خود شما) درخواست بازنشانی رمز عبور حساب ${d.shop} شما را داده است. ظرف ${d.minutes} دقیقه این پیوند را باز کنید تا رمز تازه‌ای انتخاب کنید:`, d.link, 'اگر این درخواست از طرف شما نبوده، این پیام را نادیده بگیرید؛ رمز عبور شما تغییری نمی‌کند.']],
  ar: (d) => [`إعادة تعيين كلمة مرور ${d.shop}`, [`مرحبًا ${d.name}،`, `طلب أحدهم (نأمل أن تكون أنت) إعادة تعيين كلمة مرور حسابك في ${d.shop}. افتح هذا الرابط خلال ${d.minutes} دقيقة لاختيار كلمة مرور جديدة:`, d.link, 'إذا لم تكن أنت من طلب ذلك، فتجاهل هذه الرسالة؛ ستبقى كلمة مرورك كما هي.']],
  ru: (d) => [`Сброс пароля в ${d.shop}`, [`Здравствуйте, ${d.name}!`, `Кто-то (надеемся, вы) запросил сброс пароля учётной записи в ${d.shop}. Откройте эту ссылку в течение ${d.minutes} минут, чтобы задать новый пароль:`, d.link, 'Если это были не вы, просто проигнорируйте это письмо: ваш пароль не изменится.']],
  ms: (d) => [`Tetapkan semula kata laluan ${d.shop} anda`, [`Hai ${d.name},`, `Seseorang (harapnya anda) telah meminta untuk menetapkan semula kata laluan akaun ${d.shop} anda. Buka pautan ini dalam masa ${d.minutes} minit untuk memilih kata laluan baharu:`, d.link, 'Jika itu bukan anda, abaikan mesej ini: kata laluan anda kekal seperti sedia ada.']],
  th: (d) => [`ตั้งรหัสผ่าน ${d.shop} ใหม่`, [`สวัสดีคุณ ${d.name}`, `มีผู้ขอตั้งรหัสผ่านใหม่สำหรับบัญชี ${d.shop} ของคุณ (หวังว่าจะเป็นคุณ) เปิดลิงก์นี้ภายใน ${d.minutes} นาทีเพื่อตั้งรหัสผ่านใหม่:`, d.link, 'หากไม่ใช่คุณ โปรดเพิกเฉยต่อข้อความนี้ รหัสผ่านของคุณจะยังคงเหมือนเดิม']],
});
