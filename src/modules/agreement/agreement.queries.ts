import { ListQuery } from '../../database/pagination';
import { SqlParams } from '../../common/sql';
import {
  AgreementFilter,
  agreementConditions,
  AgreementOrder,
  AgreementOrderField,
  agreementSortKey,
  DEFAULT_AGREEMENT_ORDER,
} from './agreement.filter';

/** An agreement list as SQL, with extra conditions (a party, an area) for nested lists. */
export function agreementList(
  filter: AgreementFilter | undefined,
  order: AgreementOrder | undefined,
  extra: (params: SqlParams) => string[] = () => [],
): ListQuery {
  const params = new SqlParams();
  const ordering = order ?? DEFAULT_AGREEMENT_ORDER;
  return {
    kind: `Agreement:${ordering.field}:${ordering.direction}`,
    select: 'a.*',
    from: 'agreement a',
    where: [...extra(params), ...agreementConditions(filter, params)],
    params,
    sortKey: agreementSortKey(ordering),
    sortType: ordering.field === AgreementOrderField.TITLE ? 'text' : 'date',
    tieBreaker: 'a.id',
    direction: ordering.direction,
  };
}
