import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { OrganisationKind } from './enums';

@ObjectType({ description: 'A party of the alliance: a civil-affairs office, an NGO, a charity or a volunteer group.' })
@Entity({ name: 'organisations' })
export class Organisation {
  @Field(() => ID)
  @PrimaryColumn('uuid')
  id!: string;

  @Field(() => OrganisationKind)
  @Column('text')
  kind!: OrganisationKind;

  @Field()
  @Column('text')
  name!: string;

  @Field({ description: "China's administrative division code: 6 digits for a district (110105), 9 for a street (110105001)." })
  @Column({ name: 'region_code', type: 'varchar', length: 9 })
  regionCode!: string;

  @Field(() => ID, { nullable: true })
  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId!: string | null;

  @Field()
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
