import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'A category of need (the taxonomy is data: a region may add its own).' })
export class NeedCategory {
  @Field()
  code!: string;

  @Field()
  nameZh!: string;

  @Field()
  nameEn!: string;
}
