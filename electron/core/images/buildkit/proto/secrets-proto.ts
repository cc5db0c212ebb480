// Copied from moby/buildkit (https://github.com/moby/buildkit), session/secrets/secrets.proto.
// Copyright The BuildKit Authors. Licensed under the Apache License, Version 2.0
// (http://www.apache.org/licenses/LICENSE-2.0). Kept as text, parsed when a BuildKit build runs.
export const SECRETS_PROTO = `
syntax = "proto3";

package moby.buildkit.secrets.v1;


service Secrets{
	rpc GetSecret(GetSecretRequest) returns (GetSecretResponse);
}


message GetSecretRequest {
	string ID = 1;
	map<string, string> annotations = 2;
}

message GetSecretResponse {
	bytes data = 1;
}
`;
