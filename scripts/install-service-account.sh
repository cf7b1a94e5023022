#!/usr/bin/env bash
# The service-account deployment (docs/security.md): the store belongs to a system user
# that no person logs in as, with no group or other access; staff run schoolgate through
# sudo as that user, allowed by a sudoers rule that permits exactly the schoolgate binary;
# schoolgate then acts as the staff member who ran sudo (SUDO_UID, checked against the
# password database), so nobody reads or changes the store except through its rules,
# and nobody acts as someone else. The portal runs as the same user under systemd.
#
# Run as root, once (again to repair modes; it never changes the school's data):
#   scripts/install-service-account.sh [options]
#
# Options (defaults in brackets):
#   --user NAME          the service account [schoolgate]
#   --staff-group NAME   the group of staff allowed to run schoolgate [schoolgate-staff]
#   --binary PATH        the installed schoolgate, owned by root, writable only by root
#                        [/usr/local/bin/schoolgate]
#   --store DIR          the store folder [/var/lib/schoolgate/store]
#   --sudoers FILE       the sudoers rule [/etc/sudoers.d/schoolgate]
#   --profile FILE       a shell alias so that staff type just `schoolgate`, or `none`
#                        [/etc/profile.d/schoolgate.sh]
#   --unit FILE          the portal's systemd unit, or `none`
#                        [/etc/systemd/system/schoolgate-portal.service]
#   --listen HOST:PORT   where the portal listens (behind nginx: docs/portal.md) [127.0.0.1:8080]
#   --serve-options TEXT more options for `serve`, e.g. "--sendmail '/usr/bin/msmtp -t' --trust-proxy" []
#
# Then: add each member of staff to the staff group (`adduser LOGIN schoolgate-staff`)
# and to the school (`schoolgate staff add LOGIN ...`, by an admin); create the school,
# if the store is new, as the service account:
#   sudo -u schoolgate /usr/local/bin/schoolgate --store /var/lib/schoolgate/store init --school NAME --admin LOGIN
set -euo pipefail

user=schoolgate
group=schoolgate-staff
binary=/usr/local/bin/schoolgate
store=/var/lib/schoolgate/store
sudoers=/etc/sudoers.d/schoolgate
profile=/etc/profile.d/schoolgate.sh
unit=/etc/systemd/system/schoolgate-portal.service
listen=127.0.0.1:8080
serve_options=""
root=$(cd "$(dirname "$0")/.." && pwd)

fail() { echo "install-service-account: $*" >&2; exit 1; }
step() { echo "install-service-account: $*" >&2; }

while [ $# -gt 0 ]; do
    [ $# -ge 2 ] || fail "$1 needs a value (see the top of $0)"
    case "$1" in
        --user) user=$2 ;;
        --staff-group) group=$2 ;;
        --binary) binary=$2 ;;
        --store) store=$2 ;;
        --sudoers) sudoers=$2 ;;
        --profile) profile=$2 ;;
        --unit) unit=$2 ;;
        --listen) listen=$2 ;;
        --serve-options) serve_options=$2 ;;
        *) fail "unknown option $1 (see the top of $0)" ;;
    esac
    shift 2
done

[ "$(id -u)" = 0 ] || fail "run this as root (it creates a system user and a sudoers rule)"
command -v visudo >/dev/null || fail "sudo is not installed: apt-get install sudo"
case "$binary" in /*) ;; *) fail "--binary must be an absolute path" ;; esac
case "$store" in /*) ;; *) fail "--store must be an absolute path" ;; esac
[ -x "$binary" ] || fail "no schoolgate at $binary (install it there first, e.g. install -m 0755 .build/release/schoolgate $binary)"

# Whoever can replace the binary, or a folder above it, can run anything as the service
# account: only root may write any of them.
path=$binary
while [ "$path" != / ]; do
    read -r owner mode < <(stat -L -c '%u %a' "$path")
    [ "$owner" = 0 ] || fail "$path must belong to root (it belongs to uid $owner)"
    # (a sticky folder such as /tmp is fine: nobody but root may rename what root put there)
    (( (8#$mode & 8#022) == 0 || (8#$mode & 8#1000) != 0 )) || fail "$path must be writable only by root (mode $mode): chmod go-w $path"
    path=$(dirname "$path")
done

if ! getent group "$group" >/dev/null; then
    step "creating the staff group $group"
    groupadd --system "$group"
fi
parent=$(dirname "$store")
if ! getent passwd "$user" >/dev/null; then
    step "creating the service account $user (no password, no login shell, home $parent)"
    useradd --system --user-group --home-dir "$parent" --no-create-home --shell /usr/sbin/nologin "$user"
fi

step "the store's folders: $parent and $store belong to $user, mode 0700"
install -d -m 0755 "$(dirname "$parent")"
install -d -o "$user" -g "$user" -m 0700 "$parent"
if [ -e "$store" ]; then
    chown -R "$user:$user" "$store"
    chmod -R go-rwx "$store"
fi

step "the sudoers rule $sudoers: members of $group run $binary, and only it, as $user"
staged=$(mktemp)
trap 'rm -f "$staged"' EXIT
cat > "$staged" <<RULE
# schoolgate (scripts/install-service-account.sh): staff run schoolgate, and only
# schoolgate, as its service account; schoolgate acts as the person who ran sudo.
Defaults!$binary env_keep += "TERM COLORTERM LANG LC_ALL LC_CTYPE NO_COLOR"
%$group ALL = ($user) NOPASSWD: $binary
RULE
visudo -c -q -f "$staged" || fail "visudo refused the rule (nothing installed)"
install -m 0440 -o root -g root "$staged" "$sudoers"

if [ "$profile" != none ]; then
    step "the shell alias $profile: staff type schoolgate as usual"
    cat > "$profile" <<ALIAS
# schoolgate (scripts/install-service-account.sh): the school's store, through its service account.
alias schoolgate='sudo -u $user $binary --store $store'
ALIAS
    chmod 0644 "$profile"
fi

if [ "$unit" != none ]; then
    step "the portal's systemd unit $unit"
    sed -e "s|@USER@|$user|g" -e "s|@BINARY@|$binary|g" -e "s|@STORE@|$store|g" \
        -e "s|@STORE_PARENT@|$parent|g" -e "s|@LISTEN@|$listen|g" -e "s|@DOCS@|$root/docs|g" \
        -e "s|@SERVE_OPTIONS@|$serve_options|g" "$root/scripts/schoolgate-portal.service" > "$unit"
    chmod 0644 "$unit"
    if command -v systemctl >/dev/null && [ -d /run/systemd/system ]; then
        systemctl daemon-reload
        step "start it with: systemctl enable --now $(basename "$unit")"
    fi
fi
step "done. Add staff to $group (adduser LOGIN $group); they use: sudo -u $user $binary --store $store ..."
