#!/usr/bin/env node
// The `slipway` command by its earlier name: bin/slipway.cjs is the command.
import './slipway.cjs';
