import { EsdbDouble } from '../../../test/esdb-double/server';

/**
 * The EventStoreDB gRPC test double in a process of its own, standing where a server would: the client's
 * figures are then the client's, and the double's memory is its own. Sends its connection string, then serves
 * until the parent kills it. Started with BatchAppend advertised, as every server since 21.10 does, so the
 * client appends the way it would in production.
 */
void EsdbDouble.start({ batchAppend: true }).then(
  (double) => process.send?.({ connectionString: double.connectionString }),
  (error: Error) => {
    process.stderr.write(`esdb double: ${error.message}\n`);
    process.exit(1);
  },
);
