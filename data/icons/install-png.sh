#!/bin/sh
# Meson install script: renders the icon SVG to hicolor PNG sizes.
#   install-png.sh RSVG_CONVERT SVG HICOLOR_DIR APP_ID SIZE...
# HICOLOR_DIR is relative to the prefix (share/icons/hicolor).
set -eu
rsvg=$1 svg=$2 hicolor=$3 app_id=$4
shift 4
case $hicolor in
/*) root=${DESTDIR:-}$hicolor ;;
*) root=$MESON_INSTALL_DESTDIR_PREFIX/$hicolor ;;
esac
for size in "$@"; do
    dir=$root/${size}x$size/apps
    mkdir -p "$dir"
    # Written beside, then renamed: never a half-written icon.
    "$rsvg" --width "$size" --height "$size" --output "$dir/.$app_id.png.tmp" "$svg"
    mv "$dir/.$app_id.png.tmp" "$dir/$app_id.png"
    chmod 644 "$dir/$app_id.png"
    echo "Installing icon $dir/$app_id.png"
done
