const en = {
  'shop.brand': 'Footfall',
  'nav.main': 'Main',
  'nav.shop': 'Shop',
  'home.title': 'Shop online, collect in store',
};
export default en;
