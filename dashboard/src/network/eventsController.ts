// Events: hover highlights a node's neighbours, a click opens its panel.
import type Sigma from "sigma";

import type { EdgeAttributes, NodeAttributes } from "./graph";
import type { SettingsController } from "./settingsController";

export function bindEvents(
  sigma: Sigma<NodeAttributes, EdgeAttributes>,
  settings: SettingsController,
  onSelect: (node: string | null) => void,
): void {
  sigma.on("enterNode", ({ node }) => {
    settings.setHovered(node);
    sigma.getContainer().style.cursor = "pointer";
  });
  sigma.on("leaveNode", () => {
    settings.setHovered(null);
    sigma.getContainer().style.cursor = "";
  });
  sigma.on("clickNode", ({ node }) => onSelect(node));
  sigma.on("doubleClickStage", () => onSelect(null));
}
