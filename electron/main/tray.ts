import path from 'node:path';
import { Menu, nativeImage, Tray } from 'electron';
import type { MenuItemConstructorOptions, NativeImage } from 'electron';
import type { TrayAction, TrayIcon, TrayItem, TrayModel } from './tray-model';

/**
 * Draws a TrayModel: the icon for the worst state, the tooltip, the menu. Everything it
 * shows was decided by tray-model.ts; this file only translates.
 */
export class SlipwayTray {
  private readonly tray: Tray;
  private readonly images = new Map<TrayIcon, NativeImage>();

  constructor(
    private readonly assetsDir: string,
    private readonly onAction: (action: TrayAction) => void,
    onClick: () => void,
    onHover?: () => void,
  ) {
    this.tray = new Tray(this.image('idle'));
    this.tray.setToolTip('Slipway');
    // macOS and Windows: the tooltip is about to show; its CPU and memory are sampled once then.
    if (onHover) this.tray.on('mouse-enter', onHover);
    // Linux: most desktops only open the menu; macOS and Windows: a click shows the window.
    if (process.platform !== 'linux') this.tray.on('click', onClick);
  }

  render(model: TrayModel): void {
    this.tray.setImage(this.image(model.icon));
    this.tray.setToolTip(model.tooltip);
    this.tray.setContextMenu(Menu.buildFromTemplate(model.menu.map((item) => this.toMenuItem(item))));
  }

  destroy(): void {
    this.tray.destroy();
  }

  private toMenuItem(item: TrayItem): MenuItemConstructorOptions {
    if (item.type === 'separator') return { type: 'separator' };
    const action = item.action;
    return {
      ...(item.label !== undefined ? { label: item.label } : {}),
      enabled: item.enabled ?? true,
      ...(item.submenu ? { submenu: item.submenu.map((child) => this.toMenuItem(child)) } : {}),
      ...(action ? { click: () => this.onAction(action) } : {}),
    };
  }

  private image(icon: TrayIcon): NativeImage {
    let image = this.images.get(icon);
    if (!image) {
      // tray-<icon>.png with tray-<icon>@2x.png beside it for HiDPI.
      image = nativeImage.createFromPath(path.join(this.assetsDir, `tray-${icon}.png`));
      this.images.set(icon, image);
    }
    return image;
  }
}
