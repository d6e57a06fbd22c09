import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DatePrecision, RangePrecision } from '../../common/dates';
import { Multilingual } from '../../common/names';
import { Node } from '../../common/node.interface';
import { AgreementKind, AgreementStatus } from './agreement.enums';

@ObjectType('Agreement', {
  simpleResolvers: true,
  implements: Node,
  description:
    'A document between two or more municipalities: a sister-city pact, a memorandum, a cooperation agreement.',
})
@Entity('agreement')
export class Agreement extends Node {
  @PrimaryColumn('uuid')
  id!: string;

  @Field(() => AgreementKind, { description: 'What kind of document it is.' })
  @Column('text')
  kind!: AgreementKind;

  @Column('jsonb')
  titles!: Multilingual;

  @Column('text', { name: 'sort_name' })
  sortName!: string;

  /** The latest recorded entry of the history (kept by a trigger); the field `status` follows the dates. */
  @Column('text')
  status!: AgreementStatus;

  /**
   * From when that entry is in effect (kept by the same trigger): a day, null for an undated
   * entry, 'infinity' before any entry. On or after it, `status` is read from this row alone.
   */
  @Column('date', { name: 'status_from', nullable: true })
  statusFrom!: string | null;

  @Column('date', { name: 'signed_on', nullable: true })
  signedOnDate!: string | null;

  /** The last day the signing may have been on: signed_on's own for a day, a span's end for RANGE. */
  @Column('date', { name: 'signed_on_latest', nullable: true })
  signedOnLatest!: string | null;

  @Column('text', { name: 'signed_on_precision', nullable: true })
  signedOnPrecision!: RangePrecision | null;

  @Column('uuid', { name: 'signed_in_municipality_id', nullable: true })
  signedInMunicipalityId!: string | null;

  @Field(() => String, { nullable: true, description: 'Venue of the signing, where known.' })
  @Column('text', { name: 'signed_at_venue', nullable: true })
  signedAtVenue!: string | null;

  @Column('uuid', { name: 'signed_on_visit_id', nullable: true })
  signedOnVisitId!: string | null;

  @Column('date', { name: 'valid_until', nullable: true })
  validUntilDate!: string | null;

  @Column('text', { name: 'valid_until_precision', nullable: true })
  validUntilPrecision!: DatePrecision | null;

  @Field(() => String, { nullable: true, description: 'What the agreement provides for, in brief.' })
  @Column('text', { nullable: true })
  summary!: string | null;

  @Column('text', { name: 'party_key' })
  partyKey!: string;

  @Field({
    description:
      'True when recorded as a document of its own beside another of the same kind, parties and signing date.',
  })
  @Column('boolean', { name: 'separate_instrument' })
  separateInstrument!: boolean;

  @Field(() => Int, { description: 'Revision number; writes must send the version they read.' })
  @Column('integer')
  version!: number;
}
