import { Server, ServerCredentials, type handleUnaryCall, type UntypedServiceImplementation } from '@grpc/grpc-js';
import { appendHandler, batchAppendHandler } from './append';
import { DoubleLog } from './log';
import { featuresGrpc, featuresPb, streamsGrpc, type ReadResp } from './protos';
import { readHandler } from './read';
import { emptyStats, type DoubleStats } from './stats';

export interface EsdbDoubleOptions {
  /** Advertise Streams/BatchAppend in ServerFeatures, so the client appends through it instead of Streams/Append. */
  batchAppend: boolean;
  /** Answer stream reads with "no position", as servers before the self-committed-position change do. */
  legacyStreamPositions?: boolean;
}

const STREAMS_SERVICE = 'event_store.client.streams.streams';

/**
 * The client's Streams service definition, with one change on the double's side of the wire: Read's response
 * serializer passes through bytes that are already an encoded ReadResp (events, see wire.ts), and serializes
 * message objects as the generated serializer does.
 */
const STREAMS_SERVICE_DEFINITION = {
  ...streamsGrpc.StreamsService,
  read: {
    ...streamsGrpc.StreamsService.read,
    responseSerialize: (value: ReadResp | Buffer): Buffer =>
      Buffer.isBuffer(value) ? value : Buffer.from(value.serializeBinary()),
  },
};

/**
 * An in-process stand-in for an EventStoreDB node, speaking the client's own gRPC protocol on 127.0.0.1.
 * Implements Streams/Read, Streams/Append, Streams/BatchAppend and ServerFeatures/GetSupportedMethods;
 * every other method answers UNIMPLEMENTED. See README.md for what it does not reproduce.
 */
export class EsdbDouble {
  readonly stats: DoubleStats = emptyStats();
  readonly log = new DoubleLog();

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(options: EsdbDoubleOptions): Promise<EsdbDouble> {
    const server = new Server();
    const port = await new Promise<number>((resolve, reject) => {
      server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, bound) =>
        error ? reject(error) : resolve(bound),
      );
    });
    const double = new EsdbDouble(server, port);
    double.register(options);
    return double;
  }

  get connectionString(): string {
    return `esdb://127.0.0.1:${this.port}?tls=false`;
  }

  /** Ends every open call (subscriptions included) and frees the port. */
  async stop(): Promise<void> {
    this.server.forceShutdown();
  }

  private register(options: EsdbDoubleOptions): void {
    const streams = {
      read: readHandler(this.log, this.stats, options.legacyStreamPositions ?? false),
      append: appendHandler(this.log, this.stats),
      batchAppend: batchAppendHandler(this.log, this.stats),
    };
    // Delete and Tombstone are left out: grpc-js answers them UNIMPLEMENTED.
    this.server.addService(STREAMS_SERVICE_DEFINITION, streams as unknown as UntypedServiceImplementation);
    const features = { getSupportedMethods: this.supportedMethods(options) };
    this.server.addService(featuresGrpc.ServerFeaturesService, features as unknown as UntypedServiceImplementation);
  }

  private supportedMethods(options: EsdbDoubleOptions): handleUnaryCall<unknown, unknown> {
    return (_call, callback) => {
      this.stats.featureCalls += 1;
      const methods = ['read', 'append', ...(options.batchAppend ? ['batchappend'] : [])].map((name) => {
        const method = new featuresPb.SupportedMethod();
        method.setServiceName(STREAMS_SERVICE);
        method.setMethodName(name);
        return method;
      });
      const supported = new featuresPb.SupportedMethods();
      supported.setEventStoreServerVersion('0.0.0-double');
      supported.setMethodsList(methods);
      callback(null, supported);
    };
  }
}
