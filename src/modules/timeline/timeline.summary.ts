import { Multilingual, pickText } from '../../common/names';
import { AgreementStatus } from '../agreement';
import { VisitStatus } from '../visit';
import { TimelineEntry, TimelineEvent } from './timeline-entry.type';

/** How one language words each kind of entry. Names come in nominative form, hence the Russian «в город X». */
interface Phrases {
  visit(delegation: string, host: string): string;
  visitStatus: Record<VisitStatus, string>;
  delegationOf(sender: string): string;
  signing(title: string, place: string | null): string;
  status: Record<AgreementStatus, string>;
  mayor: { start(person: string, city: string): string; end(person: string, city: string): string };
  office: { start(person: string, office: string): string; end(person: string, office: string): string };
}

const ENGLISH: Phrases = {
  visit: (delegation, host) => `${delegation} visits ${host}`,
  visitStatus: {
    PLANNED: ' (planned)',
    UNDER_WAY: ' (under way)',
    COMPLETED: '',
    CANCELLED: ' (cancelled)',
    POSTPONED: ' (postponed)',
  },
  delegationOf: (sender) => `Delegation of ${sender}`,
  signing: (title, place) => `${title} signed${place ? ` in ${place}` : ''}`,
  status: {
    PROPOSED: 'proposed',
    SIGNED: 'signed',
    IN_FORCE: 'in force',
    SUSPENDED: 'suspended',
    EXPIRED: 'expired',
    TERMINATED: 'terminated',
  },
  mayor: {
    start: (person, city) => `${person} takes office as mayor of ${city}`,
    end: (person, city) => `${person} leaves office as mayor of ${city}`,
  },
  office: {
    start: (person, office) => `${person} takes office as ${office}`,
    end: (person, office) => `${person} leaves office as ${office}`,
  },
};

const PERSIAN: Phrases = {
  visit: (delegation, host) => `سفر ${delegation} به ${host}`,
  visitStatus: {
    PLANNED: ' (برنامه‌ریزی‌شده)',
    UNDER_WAY: ' (در حال انجام)',
    COMPLETED: '',
    CANCELLED: ' (لغوشده)',
    POSTPONED: ' (به تعویق افتاده)',
  },
  delegationOf: (sender) => `هیئت ${sender}`,
  signing: (title, place) => `امضای ${title}${place ? ` در ${place}` : ''}`,
  status: {
    PROPOSED: 'پیشنهادشده',
    SIGNED: 'امضاشده',
    IN_FORCE: 'لازم‌الاجرا',
    SUSPENDED: 'معلق',
    EXPIRED: 'منقضی',
    TERMINATED: 'فسخ‌شده',
  },
  mayor: {
    start: (person, city) => `آغاز دوره شهرداری ${person} در ${city}`,
    end: (person, city) => `پایان دوره شهرداری ${person} در ${city}`,
  },
  office: {
    start: (person, office) => `آغاز مسئولیت ${person}: ${office}`,
    end: (person, office) => `پایان مسئولیت ${person}: ${office}`,
  },
};

const RUSSIAN: Phrases = {
  visit: (delegation, host) => `${delegation}: визит в город ${host}`,
  visitStatus: {
    PLANNED: ' (запланирован)',
    UNDER_WAY: ' (идёт)',
    COMPLETED: '',
    CANCELLED: ' (отменён)',
    POSTPONED: ' (отложен)',
  },
  delegationOf: (sender) => `Делегация: ${sender}`,
  signing: (title, place) => `Подписание: ${title}${place ? ` (город ${place})` : ''}`,
  status: {
    PROPOSED: 'предложено',
    SIGNED: 'подписано',
    IN_FORCE: 'в силе',
    SUSPENDED: 'приостановлено',
    EXPIRED: 'срок истёк',
    TERMINATED: 'прекращено',
  },
  mayor: {
    start: (person, city) => `${person} вступает в должность мэра (город ${city})`,
    end: (person, city) => `${person} покидает пост мэра (город ${city})`,
  },
  office: {
    start: (person, office) => `${person} вступает в должность: ${office}`,
    end: (person, office) => `${person} покидает должность: ${office}`,
  },
};

const PHRASES: Record<string, Phrases> = { en: ENGLISH, fa: PERSIAN, ru: RUSSIAN };

/** One line about the entry in `lang` (en, fa, ru; any other tag reads as English). */
export function summarize(entry: TimelineEntry, lang: string): string {
  const language = lang.split('-')[0].toLowerCase();
  const phrases = PHRASES[language] ?? ENGLISH;
  // Names in the summary's own language, so a Persian line does not quote English names.
  const name = (texts: Multilingual | null | undefined) => pickText(texts, PHRASES[language] ? language : 'en') ?? '';
  const { parts } = entry;
  switch (entry.event) {
    case TimelineEvent.VISIT: {
      const delegation = parts.delegation ? name(parts.delegation) : phrases.delegationOf(name(parts.sender));
      return phrases.visit(delegation, name(parts.host)) + phrases.visitStatus[parts.status as VisitStatus];
    }
    case TimelineEvent.SIGNING:
      return phrases.signing(name(parts.agreement), parts.place ? name(parts.place) : null);
    case TimelineEvent.STATUS_CHANGE:
      return `${name(parts.agreement)}: ${phrases.status[parts.status as AgreementStatus]}`;
    case TimelineEvent.TERM_START:
    case TimelineEvent.TERM_END: {
      const wording = parts.office ? phrases.office : phrases.mayor;
      const what = name(parts.office ?? parts.municipality);
      return (entry.event === TimelineEvent.TERM_START ? wording.start : wording.end)(name(parts.person), what);
    }
  }
}
