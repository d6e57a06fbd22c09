import { Context } from '../../context';
import { recordById } from '../../database/loaders';
import { Person } from './person.entity';

export const personById = (context: Context) => recordById(context, Person, 'person');
