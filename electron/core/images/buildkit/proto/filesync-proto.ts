// moby/buildkit (https://github.com/moby/buildkit) session/filesync/filesync.proto, the
// FileSync service only. Copyright The BuildKit Authors. Licensed under the Apache License,
// Version 2.0 (http://www.apache.org/licenses/LICENSE-2.0).
export const FILESYNC_PROTO = `
syntax = "proto3";

package moby.filesync.v1;

import "fsutil-types.proto";

service FileSync{
	rpc DiffCopy(stream fsutil.types.Packet) returns (stream fsutil.types.Packet);
}
`;

// tonistiigi/fsutil (https://github.com/tonistiigi/fsutil) types/wire.proto and types/stat.proto.
// Copyright 2017 Tõnis Tiigi. MIT License: permission is hereby granted, free of charge, to
// any person obtaining a copy of this software, to deal in it without restriction, provided
// this notice is kept; the software is provided "as is", without warranty of any kind.
export const FSUTIL_TYPES_PROTO = `
syntax = "proto3";

package fsutil.types;

message Packet {
  enum PacketType {
    PACKET_STAT = 0;
    PACKET_REQ = 1;
    PACKET_DATA = 2;
    PACKET_FIN = 3;
    PACKET_ERR = 4;
  }
  PacketType type = 1;
  Stat stat = 2;
  uint32 ID = 3;
  bytes data = 4;
}

message Stat {
  string path = 1;
  uint32 mode = 2;
  uint32 uid = 3;
  uint32 gid = 4;
  int64 size = 5;
  int64 modTime = 6;
  string linkname = 7;
  int64 devmajor = 8;
  int64 devminor = 9;
  map<string, bytes> xattrs = 10;
}
`;
