// Copied from moby/buildkit (https://github.com/moby/buildkit), session/sshforward/ssh.proto.
// Copyright The BuildKit Authors. Licensed under the Apache License, Version 2.0
// (http://www.apache.org/licenses/LICENSE-2.0). Kept as text, parsed when a BuildKit build runs.
export const SSH_PROTO = `
syntax = "proto3";

package moby.sshforward.v1;


service SSH {
	rpc CheckAgent(CheckAgentRequest) returns (CheckAgentResponse);
	rpc ForwardAgent(stream BytesMessage) returns (stream BytesMessage);
}

// BytesMessage contains a chunk of byte data
message BytesMessage{
	bytes data = 1;
}

message CheckAgentRequest {
	string ID = 1;
}

message CheckAgentResponse {
}
`;
