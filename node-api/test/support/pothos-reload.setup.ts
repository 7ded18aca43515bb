import SchemaBuilder from '@pothos/core';

/**
 * The unit project runs its files one after another in each worker without a fresh module registry
 * (`isolate: false` in vitest.config.ts): a later file evaluates the schema's plugin modules again,
 * while Pothos's builder, a dependency, stays loaded and would refuse the second registration. A
 * server process evaluates them once, so only the tests allow it.
 */
SchemaBuilder.allowPluginReRegistration = true;
