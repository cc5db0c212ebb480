// `npm run dist` runs electron-builder, whose native-module rebuild (@electron/rebuild,
// node-abi) needs Node.js 22.12 or newer; everything else (npm start, npm test, the CLI)
// runs on Node.js 20.19. Says so in one line instead of failing deep inside the packager.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(`npm run dist: building installers needs Node.js 22.12 or newer (electron-builder); this is Node.js ${process.versions.node}. The app, the CLI and the tests run on Node.js 20.19 or newer.`);
  process.exit(1);
}
