#!/usr/bin/env bash
# Notarizes and staples a signed Ferry .dmg (built with: mvn -Ppackage,mac-sign -Dmac.signing.identity=… package).
# Needs Xcode's notarytool and a keychain profile made once with:
#   xcrun notarytool store-credentials "$FERRY_NOTARY_PROFILE" --apple-id … --team-id … --password <app-specific>
# Usage: FERRY_NOTARY_PROFILE=ferry-notary packaging/macos/notarize.sh target/dist/Ferry-0.1.0.dmg
set -euo pipefail
dmg="${1:?usage: notarize.sh path/to/Ferry-<version>.dmg}"
profile="${FERRY_NOTARY_PROFILE:?set FERRY_NOTARY_PROFILE to a notarytool keychain profile}"
xcrun notarytool submit "$dmg" --keychain-profile "$profile" --wait
xcrun stapler staple "$dmg"
xcrun stapler validate "$dmg"
