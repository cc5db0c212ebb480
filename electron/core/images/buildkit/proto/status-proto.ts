// The progress messages of moby/buildkit (https://github.com/moby/buildkit),
// api/services/control/control.proto: StatusResponse and the messages it holds, with
// google.protobuf.Timestamp written out (same wire format) and the fields we never read
// left out (unknown fields are skipped when decoding).
// Copyright The BuildKit Authors. Licensed under the Apache License, Version 2.0
// (http://www.apache.org/licenses/LICENSE-2.0). Kept as text, parsed when a BuildKit build runs.
export const STATUS_PROTO = `
syntax = "proto3";

package moby.buildkit.v1;

message StatusResponse {
	repeated Vertex vertexes = 1;
	repeated VertexStatus statuses = 2;
	repeated VertexLog logs = 3;
}

message Vertex {
	string digest = 1;
	repeated string inputs = 2;
	string name = 3;
	bool cached = 4;
	Timestamp started = 5;
	Timestamp completed = 6;
	string error = 7;
}

message VertexStatus {
	string ID = 1;
	string vertex = 2;
	string name = 3;
	int64 current = 4;
	int64 total = 5;
	Timestamp timestamp = 6;
	Timestamp started = 7;
	Timestamp completed = 8;
}

message VertexLog {
	string vertex = 1;
	Timestamp timestamp = 2;
	int64 stream = 3;
	bytes msg = 4;
}

message Timestamp {
	int64 seconds = 1;
	int32 nanos = 2;
}
`;
