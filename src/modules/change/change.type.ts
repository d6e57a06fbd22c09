import { GraphQLDateTime } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PageInfo } from '../../common/connection';
import { toGlobalId } from '../../common/global-id';
import { changeCursor } from './change-cursor';

export enum ChangeAction {
  CREATE = 'CREATE',
  UPDATE = 'UPDATE',
  LINK = 'LINK',
  DELETE = 'DELETE',
}

registerEnumType(ChangeAction, {
  name: 'ChangeAction',
  description: 'What a committed change did to its record.',
  valuesConfig: {
    CREATE: { description: 'Made it.' },
    UPDATE: { description: 'Changed its own fields (perhaps its links too).' },
    LINK: { description: 'Changed only what it links to (parties, sources, areas, members...).' },
    DELETE: { description: 'Deleted it.' },
  },
});

/**
 * The types of record the register publishes changes of. Values are the record types'
 * names (the registry's keys, modules/record-types.ts); test/change-feed.test.ts fails when
 * a public record type is missing here.
 */
export enum RegisterRecordType {
  AGREEMENT = 'Agreement',
  COMMITTEE = 'Committee',
  COOPERATION_AREA = 'CooperationArea',
  DELEGATION = 'Delegation',
  MAYORAL_TERM = 'MayoralTerm',
  MUNICIPALITY = 'Municipality',
  ORGANIZATION = 'Organization',
  PERSON = 'Person',
  POSITION = 'Position',
  SOURCE = 'Source',
  VISIT = 'Visit',
}

registerEnumType(RegisterRecordType, {
  name: 'RegisterRecordType',
  description: 'A type of record in the public register, as the change feed names it.',
  valuesConfig: {
    AGREEMENT: { description: 'An agreement (Agreement).' },
    COMMITTEE: { description: 'A committee set up under an agreement (Committee).' },
    COOPERATION_AREA: { description: 'A field of cooperation (CooperationArea).' },
    DELEGATION: { description: 'A delegation sent on a visit (Delegation).' },
    MAYORAL_TERM: { description: "A mayor's term of office (MayoralTerm)." },
    MUNICIPALITY: { description: 'A city or other municipality (Municipality).' },
    ORGANIZATION: { description: 'A municipal body or other organization (Organization).' },
    PERSON: { description: 'A person (Person).' },
    POSITION: { description: "A person's position in an organization (Position)." },
    SOURCE: { description: 'A source of evidence (Source).' },
    VISIT: { description: 'A visit (Visit).' },
  },
});

/** A row of register_change as the feed reads it. */
export interface ChangeRow {
  commit_version: string;
  audit_seq: string;
  changed_at: Date;
  action: ChangeAction;
  record_type: string;
  record_id: string;
  record_version: number | null;
  fields: string[];
  municipality_ids: string[];
}

/**
 * "signed_on" → "signedOn", "host_municipality_id" → "hostMunicipality": the record's field
 * names. A partial date's precision is part of the date ("signed_on_precision" → "signedOn").
 */
function fieldName(column: string): string {
  return column.replace(/_(id|precision)$/, '').replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

@ObjectType('RegisterChange', {
  description:
    'One committed change to one record of the register, in commit order: what a portal syncs by. The values are not here: read the record (node(id:)) for its state now.',
})
export class RegisterChange {
  constructor(private readonly row: ChangeRow) {}

  @Field({ description: 'Position of this change in the feed: give it as `after` to read what came after it.' })
  get cursor(): string {
    return changeCursor({ version: this.row.commit_version, seq: this.row.audit_seq });
  }

  @Field(() => ID, { description: 'Global id of the record changed (node(id:) reads it, unless deleted).' })
  get recordId(): string {
    return toGlobalId(this.row.record_type, this.row.record_id);
  }

  @Field(() => RegisterRecordType, { description: 'Type of the record changed.' })
  get recordType(): string {
    return this.row.record_type;
  }

  @Field(() => ChangeAction, { description: 'What the change did.' })
  get action(): ChangeAction {
    return this.row.action;
  }

  @Field(() => Int, {
    nullable: true,
    description: "The record's version after the change (before it, for a deletion): compare with your copy's.",
  })
  get recordVersion(): number | null {
    return this.row.record_version;
  }

  @Field(() => [String], {
    description:
      'Fields and links that changed, in camelCase ("signedOn", "parties"); on a creation every field given, on a deletion none.',
  })
  get fields(): string[] {
    return [...new Set(this.row.fields.map(fieldName))];
  }

  @Field(() => [ID], {
    description: 'Global ids of the municipalities taking part in the record before or after the change.',
  })
  get municipalityIds(): string[] {
    return this.row.municipality_ids.map((id) => toGlobalId('Municipality', id));
  }

  @Field(() => GraphQLDateTime, { description: 'When the change was written (its transaction commits soon after).' })
  get changedAt(): Date {
    return this.row.changed_at;
  }
}

@ObjectType('RegisterChangeEdge', { description: 'One change in a page of the feed, with its cursor.' })
export class RegisterChangeEdge {
  @Field({ description: 'Position of the change; the same as `node.cursor`.' })
  cursor!: string;

  @Field(() => RegisterChange, { description: 'The change.' })
  node!: RegisterChange;
}

@ObjectType('RegisterChangeConnection', {
  description: 'A page of the change feed, oldest first, and where to resume.',
})
export class RegisterChangeConnection {
  @Field(() => [RegisterChangeEdge], { description: 'The changes of this page with their cursors.' })
  edges!: RegisterChangeEdge[];

  @Field(() => [RegisterChange], { description: 'The changes of this page.' })
  nodes!: RegisterChange[];

  @Field(() => PageInfo, {
    description:
      '`endCursor` is never null: after the last change of the page, or, at the end of the feed, after everything committed so far that the filters leave out; keep it and resume from it.',
  })
  pageInfo!: PageInfo;
}
