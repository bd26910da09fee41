// Command-line arguments of the native schema engine (the ones the Prisma CLI passes).
export function parseArgs(argv) {
  const args = { datamodels: [], datasource: undefined, previewFeatures: [], cli: undefined, version: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    switch (a) {
      case '--version':
      case '-V':
        args.version = true;
        break;
      case '--help':
      case '-h':
        args.help = true;
        break;
      case '--datamodels':
      case '-d':
        args.datamodels.push(argv[++i]);
        break;
      case '--datasource':
        args.datasource = JSON.parse(argv[++i]);
        break;
      case '--enabled-preview-features':
        args.previewFeatures = String(argv[++i] ?? '')
          .split(',')
          .filter(Boolean);
        break;
      case '--extension-types':
        i++; // accepted and ignored: the wasm engine has no extension support
        break;
      case 'cli':
        args.cli = argv.slice(i + 1);
        i = argv.length;
        break;
      default:
        if (a.startsWith('--datamodels=')) args.datamodels.push(a.slice('--datamodels='.length));
        else if (a.startsWith('--datasource=')) args.datasource = JSON.parse(a.slice('--datasource='.length));
        // Unknown flags are ignored, like optional features the wasm engine does not have.
        break;
    }
  }
  return args;
}
