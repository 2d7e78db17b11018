// Word lists for seeded names. Account names are built as <adjective> <noun> <legal form> (25,000 distinct
// names before a numeric suffix is needed), which gives type-ahead searches realistic prefixes.
export const ADJECTIVES = [
  'Alpine', 'Atlas', 'Aurora', 'Beacon', 'Blue', 'Bright', 'Cedar', 'Central', 'Coastal', 'Crown', 'Delta', 'Eagle',
  'Eastern', 'Evergreen', 'First', 'Golden', 'Granite', 'Green', 'Harbor', 'Highland', 'Horizon', 'Iron', 'Lake',
  'Liberty', 'Lunar', 'Maple', 'Meridian', 'Metro', 'Nordic', 'North', 'Oak', 'Ocean', 'Pacific', 'Peak', 'Pine',
  'Pioneer', 'Prime', 'Quantum', 'Red', 'River', 'Royal', 'Silver', 'Solar', 'Southern', 'Summit', 'Sun', 'Titan',
  'United', 'Valley', 'Western',
];
export const NOUNS = [
  'Analytics', 'Apparel', 'Automotive', 'Bakery', 'Biotech', 'Brewing', 'Builders', 'Cargo', 'Chemicals', 'Clinics',
  'Construction', 'Consulting', 'Dairy', 'Dynamics', 'Electric', 'Energy', 'Engineering', 'Farms', 'Finance', 'Foods',
  'Freight', 'Furniture', 'Glass', 'Health', 'Hotels', 'Imaging', 'Industries', 'Instruments', 'Insurance', 'Labs',
  'Logistics', 'Machinery', 'Marine', 'Media', 'Medical', 'Metals', 'Mining', 'Motors', 'Networks', 'Optics',
  'Packaging', 'Paper', 'Pharma', 'Plastics', 'Power', 'Robotics', 'Software', 'Steel', 'Textiles', 'Water',
];
export const LEGAL_FORMS = ['GmbH', 'AG', 'Inc.', 'Ltd.', 'LLC', 'S.A.', 'B.V.', 'Corp.', 'SE', 'plc'];
export const FIRST_NAMES = [
  'Anna', 'Boris', 'Carla', 'David', 'Elena', 'Felix', 'Greta', 'Hugo', 'Ines', 'Jonas', 'Klara', 'Lukas', 'Mia',
  'Noah', 'Olga', 'Paul', 'Rosa', 'Simon', 'Tara', 'Uwe', 'Vera', 'Walter', 'Yara', 'Zoe', 'Amir', 'Bea', 'Chen',
  'Dario', 'Emma', 'Farid', 'Hana', 'Ivan', 'Julia', 'Kenji', 'Lea', 'Marco', 'Nina', 'Omar', 'Pia', 'Rafael',
];
export const LAST_NAMES = [
  'Albrecht', 'Berger', 'Costa', 'Dubois', 'Eriksen', 'Fischer', 'Garcia', 'Hansen', 'Ito', 'Jansen', 'Keller',
  'Lopez', 'Meyer', 'Novak', 'Olsen', 'Peters', 'Quinn', 'Rossi', 'Schmidt', 'Tanaka', 'Ulrich', 'Vogel', 'Weber',
  'Xu', 'Young', 'Zimmermann', 'Baker', 'Clark', 'Evans', 'Foster', 'Green', 'Hughes', 'King', 'Lewis', 'Moore',
  'Nash', 'Owens', 'Price', 'Reed', 'Shaw',
];
export const CITIES: [city: string, country: string][] = [
  ['Berlin', 'DE'], ['Munich', 'DE'], ['Hamburg', 'DE'], ['London', 'GB'], ['Manchester', 'GB'], ['Paris', 'FR'],
  ['Lyon', 'FR'], ['Madrid', 'ES'], ['Barcelona', 'ES'], ['Milan', 'IT'], ['Amsterdam', 'NL'], ['Vienna', 'AT'],
  ['Zurich', 'CH'], ['New York', 'US'], ['Chicago', 'US'], ['Austin', 'US'], ['Toronto', 'CA'], ['Tokyo', 'JP'],
];
export const TOPICS = [
  'Quarterly review', 'Product demo', 'Contract renewal', 'Kick-off', 'Site visit', 'Pricing discussion',
  'Service check', 'Workshop', 'Escalation call', 'Roadmap briefing', 'Onboarding', 'Budget planning',
];
