import { emailLocalPart } from './people.ts';
import type { Random } from './random.ts';

const FIRST_NAMES = [
  'Alice',
  'Arthur',
  'Baptiste',
  'Bérénice',
  'Céline',
  'Damien',
  'Élodie',
  'Étienne',
  'Fabien',
  'Florence',
  'Gaëlle',
  'Guillaume',
  'Hélène',
  'Isabelle',
  'Jérôme',
  'Juliette',
  'Karim',
  'Laure',
  'Louis',
  'Mathilde',
  'Mehdi',
  'Nathalie',
  'Olivier',
  'Pauline',
  'Philippe',
  'Raphaël',
  'Sandrine',
  'Sébastien',
  'Valérie',
  'Yann',
  'Anke',
  'Jonas',
  'Lucía',
  'Pieter',
  'Giulia',
  'Tomás',
];

const LAST_NAMES = [
  'Garnier',
  'Faure',
  'Rousseau',
  'Blanc',
  'Guérin',
  'Muller',
  'Henry',
  'Roussel',
  'Nicolas',
  'Perrin',
  'Morin',
  'Mathieu',
  'Clément',
  'Gauthier',
  'Dumont',
  'Lopez',
  'Fontaine',
  'Chevalier',
  'Robin',
  'Masson',
  'Sanchez',
  'Boyer',
  'Denis',
  'Lemaire',
  'Duval',
  'Joly',
  'Gautier',
  'Roger',
  'Roche',
  'Vidal',
  'Weber',
  'Janssens',
  'García',
  'De Vries',
  'Bianchi',
  'Schmitt',
];

const COMPANY_KINDS = [
  'Groupe',
  'Atelier',
  'Maison',
  'Cabinet',
  'Laboratoires',
  'Transports',
  'Imprimerie',
  'Agence',
  'Menuiserie',
  'Clinique',
  'Éditions',
  'Brasserie',
  'Logistique',
  'Domaine',
  'Fromagerie',
  'Studio',
  'Bureau',
  'Garage',
];

const COMPANY_NAMES = [
  'Vauban',
  'Lumière',
  'Rhône',
  'Saint-Clair',
  'Belledonne',
  'Croix-Rousse',
  'Montmartre',
  'Confluence',
  'Beaujolais',
  'Garonne',
  'Loire',
  'Vercors',
  'Marais',
  'Presqu’île',
  'Bastille',
  'Fourvière',
  'Alizé',
  'Horizon',
  'Mistral',
  'Azur',
  'Carnot',
  'Colbert',
  'Eiffel',
  'Pasteur',
  'Jaurès',
  'Hugo',
  'Voltaire',
  'Brabant',
  'Rheinland',
  'Catalunya',
  'Lombardia',
  'Zeeland',
];

const LEGAL_FORMS = ['SAS', 'SARL', 'SA', '', '', 'GmbH', 'BV', 'SL', 'SpA'];

export interface LeadIdentity {
  name: string;
  email: string;
  company: string;
}

export function leadIdentity(random: Random): LeadIdentity {
  const first = random.pick(FIRST_NAMES);
  const last = random.pick(LAST_NAMES);
  const company = companyName(random);
  return {
    name: `${first} ${last}`,
    email: `${emailLocalPart(`${first} ${last}`)}@${emailLocalPart(company).replace(/\./g, '-')}.example`,
    company,
  };
}

export function companyName(random: Random): string {
  const form = random.pick(LEGAL_FORMS);
  const base = `${random.pick(COMPANY_KINDS)} ${random.pick(COMPANY_NAMES)}`;
  return form ? `${base} ${form}` : base;
}

/** What a bot types into the web form during a spam burst. */
export function spamIdentity(random: Random): LeadIdentity {
  const handle = `${random.pick(['seo', 'crypto', 'promo', 'bestoffer', 'win'])}${random.int(100, 9999)}`;
  return { name: handle, email: `${handle}@mail-spam.example`, company: 'n/a' };
}

export const DEAL_PRODUCTS = [
  'Licence annuelle',
  'Pack Premium',
  'Déploiement multi-sites',
  'Formation équipes',
  'Extension de contrat',
  'Abonnement Pro',
];
