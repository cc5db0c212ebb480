// grpc/grpc-proto (https://github.com/grpc/grpc-proto), grpc/health/v1/health.proto,
// Check only: BuildKit's session asks the client's health now and then and drops a
// session that does not answer.
// Copyright 2015 The gRPC Authors. Licensed under the Apache License, Version 2.0
// (http://www.apache.org/licenses/LICENSE-2.0). Kept as text, parsed when a BuildKit build runs.
export const HEALTH_PROTO = `
syntax = "proto3";

package grpc.health.v1;

message HealthCheckRequest {
  string service = 1;
}

message HealthCheckResponse {
  enum ServingStatus {
    UNKNOWN = 0;
    SERVING = 1;
    NOT_SERVING = 2;
    SERVICE_UNKNOWN = 3;
  }
  ServingStatus status = 1;
}

service Health {
  rpc Check(HealthCheckRequest) returns (HealthCheckResponse);
}
`;
