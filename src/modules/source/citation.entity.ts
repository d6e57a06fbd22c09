import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Confidence } from './confidence';

/** A source supporting one record; exactly one of the record columns is set. */
@ObjectType('Citation', {
  simpleResolvers: true,
  description: 'A source cited by one record, with how far it supports that record.',
})
@Entity('citation')
export class Citation {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'source_id' })
  sourceId!: string;

  @Column('uuid', { name: 'agreement_id', nullable: true })
  agreementId!: string | null;

  @Column('uuid', { name: 'visit_id', nullable: true })
  visitId!: string | null;

  @Column('uuid', { name: 'delegation_id', nullable: true })
  delegationId!: string | null;

  @Column('uuid', { name: 'municipality_id', nullable: true })
  municipalityId!: string | null;

  @Column('uuid', { name: 'person_id', nullable: true })
  personId!: string | null;

  @Column('uuid', { name: 'mayoral_term_id', nullable: true })
  mayoralTermId!: string | null;

  @Column('uuid', { name: 'organization_id', nullable: true })
  organizationId!: string | null;

  @Column('uuid', { name: 'committee_id', nullable: true })
  committeeId!: string | null;

  @Column('uuid', { name: 'person_position_id', nullable: true })
  personPositionId!: string | null;

  @Column('text', { nullable: true })
  note!: string | null;

  @Field(() => Confidence, {
    nullable: true,
    description: "The confidence this citation states for this record; null: it takes its source's.",
  })
  @Column('text', { name: 'confidence', nullable: true })
  ownConfidence!: Confidence | null;

  /** Explains `ownConfidence`; only a citation that states one has one (citation_confidence_note_needs_level). */
  @Column('text', { name: 'confidence_note', nullable: true })
  ownConfidenceNote!: string | null;

  /** The source's own level and note, read with the citation (citationsOf) for the effective ones. */
  sourceConfidence?: Confidence;
  sourceConfidenceNote?: string | null;
}
