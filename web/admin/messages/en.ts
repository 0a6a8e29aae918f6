const en = {
  'app.title': 'Footfall',
};
export default en;
