export * from './dim-date.entity';
export * from './dim-enrollment.entity';
export * from './dim-geography.entity';
export * from './dim-member.entity';
export * from './dim-plan.entity';
export * from './dim-provider.entity';
export * from './scd2-version.columns';
