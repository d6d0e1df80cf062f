/**
 * The client's own generated message classes and service definitions, loaded from the client package's folder
 * so that the double and the client share one copy of each module (and of google-protobuf): the generated
 * serializers check `instanceof`. These files are not public API, which is why the client version is pinned.
 */
import { dirname, join } from 'node:path';

const generated = join(dirname(require.resolve('@eventstore/db-client/package.json')), 'generated');
const load = <T>(file: string): T => require(join(generated, file)) as T;
const loadFromGenerated = <T>(request: string): T => require(require.resolve(request, { paths: [generated] })) as T;

export const streamsPb = load<typeof import('@eventstore/db-client/generated/streams_pb')>('streams_pb');
export const streamsGrpc = load<typeof import('@eventstore/db-client/generated/streams_grpc_pb')>('streams_grpc_pb');
export const sharedPb = load<typeof import('@eventstore/db-client/generated/shared_pb')>('shared_pb');
export const statusPb = load<typeof import('@eventstore/db-client/generated/status_pb')>('status_pb');
export const featuresPb = load<typeof import('@eventstore/db-client/generated/serverfeatures_pb')>('serverfeatures_pb');
export const featuresGrpc =
  load<typeof import('@eventstore/db-client/generated/serverfeatures_grpc_pb')>('serverfeatures_grpc_pb');
export const anyPb = loadFromGenerated<typeof import('google-protobuf/google/protobuf/any_pb')>(
  'google-protobuf/google/protobuf/any_pb',
);
export const emptyPb = loadFromGenerated<typeof import('google-protobuf/google/protobuf/empty_pb')>(
  'google-protobuf/google/protobuf/empty_pb',
);

export type ReadReq = import('@eventstore/db-client/generated/streams_pb').ReadReq;
export type ReadResp = import('@eventstore/db-client/generated/streams_pb').ReadResp;
export type AppendReq = import('@eventstore/db-client/generated/streams_pb').AppendReq;
export type AppendResp = import('@eventstore/db-client/generated/streams_pb').AppendResp;
export type BatchAppendReq = import('@eventstore/db-client/generated/streams_pb').BatchAppendReq;
export type BatchAppendResp = import('@eventstore/db-client/generated/streams_pb').BatchAppendResp;
export type StreamIdentifier = import('@eventstore/db-client/generated/shared_pb').StreamIdentifier;
