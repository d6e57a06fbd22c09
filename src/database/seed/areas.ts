import { SEED } from './ids';
import type { CooperationAreaRow, Names, Uuid } from './rows';

const AREA = SEED.cooperationArea;

function area(id: Uuid, slug: string, parentId: Uuid | null, labels: Names & { en: string }): CooperationAreaRow {
  return { id, slug, parent_id: parentId, labels, sort_name: labels.en };
}

/**
 * The starting vocabulary of DOMAIN.md. Persian labels are worded as the founding article
 * words them; parents come before their children.
 */
export const cooperationAreas: readonly CooperationAreaRow[] = [
  area(AREA.economy, 'economy', null, { en: 'Economy', fa: 'اقتصادی', ru: 'Экономика' }),
  area(AREA.urbanDevelopment, 'urban-development', null, {
    en: 'Urban development',
    fa: 'شهری',
    ru: 'Городское развитие',
  }),
  area(AREA.safety, 'safety', null, { en: 'Safety and security', fa: 'ایمنی و امنیت', ru: 'Безопасность' }),
  area(AREA.society, 'society', null, { en: 'Social affairs', fa: 'اجتماعی', ru: 'Социальная сфера' }),
  area(AREA.environment, 'environment', null, { en: 'Environment', fa: 'محیط زیست', ru: 'Окружающая среда' }),
  area(AREA.experienceExchange, 'experience-exchange', null, {
    en: 'Exchange of experience',
    fa: 'تبادل تجربیات',
    ru: 'Обмен опытом',
  }),

  area(AREA.trade, 'trade', AREA.economy, {
    en: 'Economic and commercial development',
    fa: 'توسعه اقتصادی و تجاری',
    ru: 'Развитие экономики и торговли',
  }),
  area(AREA.investment, 'investment', AREA.economy, {
    en: 'Joint investment',
    fa: 'سرمایه‌گذاری مشترک',
    ru: 'Совместные инвестиции',
  }),
  area(AREA.privateParticipation, 'private-participation', AREA.economy, {
    en: 'Attracting private participation',
    fa: 'جذب مشارکت خصوصی',
    ru: 'Привлечение частного сектора',
  }),

  area(AREA.infrastructure, 'infrastructure', AREA.urbanDevelopment, {
    en: 'Infrastructure',
    fa: 'توسعه زیرساخت‌ها',
    ru: 'Развитие инфраструктуры',
  }),
  area(AREA.transport, 'transport', AREA.urbanDevelopment, { en: 'Transport', fa: 'حمل و نقل', ru: 'Транспорт' }),
  area(AREA.publicTransport, 'public-transport', AREA.transport, {
    en: 'Public transport systems',
    fa: 'سامانه‌های حمل و نقل عمومی',
    ru: 'Системы общественного транспорта',
  }),

  area(AREA.crisisManagement, 'crisis-management', AREA.safety, {
    en: 'Crisis management',
    fa: 'مدیریت بحران',
    ru: 'Управление в кризисных ситуациях',
  }),
  area(AREA.safetyInfrastructure, 'safety-infrastructure', AREA.safety, {
    en: 'Safety capacities and infrastructure',
    fa: 'ظرفیت‌ها و زیرساخت‌های ایمنی',
    ru: 'Потенциал и инфраструктура безопасности',
  }),
  area(AREA.urbanSecurity, 'urban-security', AREA.safety, {
    en: 'Urban security',
    fa: 'امنیت شهری',
    ru: 'Городская безопасность',
  }),

  area(AREA.culture, 'culture', AREA.society, { en: 'Culture', fa: 'فرهنگی', ru: 'Культура' }),
  area(AREA.arts, 'arts', AREA.society, { en: 'Arts', fa: 'هنری', ru: 'Искусство' }),
  area(AREA.youth, 'youth', AREA.society, { en: 'Youth', fa: 'جوانان', ru: 'Молодёжь' }),
  area(AREA.urbanEducation, 'urban-education', AREA.society, {
    en: 'Urban education',
    fa: 'آموزش شهری',
    ru: 'Городское просвещение',
  }),
];
