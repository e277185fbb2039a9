#!/usr/bin/env python3
"""The browser build's ASYNCIFY_ONLY list (web/meson.build), from the link's
own call graph: the functions that can be on the stack when the program
sleeps (emscripten_sleep), which ASYNCIFY must instrument; every other
function is left as the compiler made it.

Left to itself ASYNCIFY assumes any indirect call may sleep, and this
program's text layout, HarfBuzz and FreeType call through pointers all the
time: ~1250 functions instrumented, where ~30 can sleep. Here the direct
calls come from the module and the few indirect calls that do lead to a
sleep are named (INDIRECT below, read from the sources): the training
progress callback, E's progress callback, and SDL's present and GL swap.

    asyncify_only.py BUILD_DIR            print the list (one name a line)
    asyncify_only.py BUILD_DIR --check    exit 1 (one line on stderr) when
                                          web/meson.build's list differs

BUILD_DIR is the configured web build (build-web): the program's link
command is taken from it and run again at -O0 with function names (about
15 s), into a temporary folder, and disassembled with binaryen's wasm-dis.
"""
import os
import re
import shlex
import subprocess
import sys
import tempfile

# Indirect calls that can reach a sleep: the function holding the call and
# the functions it can call there that sleep.
INDIRECT = {
    # TrainConfig.on_epoch and course_create_recording's last progress call: the
    # in-turn loader's on_progress yields (src/app/loader_inturn.c).
    "course_create_recording": {"on_progress"},
    "model_set_train": {"on_progress"},
    # E's progress callback presents a frame (src/app/saving.c); export.c
    # calls it from collect_step.
    "collect_step": {"export_progress"},
    # SDL: renderer->RenderPresent, then _this->GL_SwapWindow /
    # UpdateWindowFramebuffer, which yield to the browser after a frame.
    "SDL_RenderPresent": {"GLES2_RenderPresent", "SW_RenderPresent"},
    "SDL_GL_SwapWindowWithResult": {"Emscripten_GLES_SwapWindow"},
    "SDL_UpdateWindowSurface": {"Emscripten_UpdateWindowFramebuffer"},
}
# Direct callers of a sleep that never sleep here: SDL_AtomicLock spins
# with SDL_Delay only when another thread holds the lock (the page has one
# thread); the disk and dummy audio drivers are never opened.
NEVER_PREFIXES = ("DISKAUDIO_", "DUMMYAUDIO_")
NEVER = {"SDL_AtomicLock"}


def call_graph(wat):
    calls = {}
    for body in re.split(r"\n \(func \$", wat)[1:]:
        name = body.split(None, 1)[0]
        calls[name] = set(re.findall(r"\(call \$(\S+?)[\s)]", body))
    return calls


def sleepers(calls):
    for holder, targets in INDIRECT.items():
        if holder not in calls:
            sys.exit("asyncify_only.py: %s is not in the module: INDIRECT "
                     "is out of date" % holder)
        calls[holder] = calls[holder] | targets
    sleep = {"emscripten_sleep"}
    changed = True
    while changed:
        changed = False
        for f, callees in calls.items():
            if f in sleep or f in NEVER or f.startswith(NEVER_PREFIXES):
                continue
            if callees & sleep:
                sleep.add(f)
                changed = True
    sleep.discard("emscripten_sleep")
    return sorted(sleep)


def link_wat(build):
    line = subprocess.run(["ninja", "-C", build, "-t", "commands",
                           "seq2seq-viz.js"], check=True, text=True,
                          capture_output=True).stdout.strip().splitlines()[-1]
    args = shlex.split(line)
    tmp = tempfile.mkdtemp(prefix="s2s-asyncify-")
    out = args.index("-o")
    args[out + 1] = os.path.join(tmp, "probe.js")
    args = [a for a in args if not re.fullmatch(r"-O[0-3sz]", a)]
    args += ["-O0", "--profiling-funcs"]
    subprocess.run(args, cwd=build, check=True, stdout=subprocess.DEVNULL)
    wat = os.path.join(tmp, "probe.wat")
    subprocess.run(["wasm-dis", os.path.join(tmp, "probe.wasm"), "-o", wat],
                   check=True)
    text = open(wat).read()
    subprocess.run(["rm", "-rf", tmp], check=True)
    return text


def listed(meson_build):
    block = re.search(r"web_asyncify_only = \[(.*?)\]", open(meson_build).read(),
                      re.S).group(1)
    return sorted(re.findall(r"'\"([^\"]+)\"'", block))


def main():
    if len(sys.argv) not in (2, 3) or sys.argv[2:] not in ([], ["--check"]):
        sys.exit("usage: asyncify_only.py BUILD_DIR [--check]")
    names = sleepers(call_graph(link_wat(sys.argv[1])))
    if sys.argv[2:] == ["--check"]:
        here = os.path.dirname(os.path.abspath(__file__))
        have = listed(os.path.join(here, "meson.build"))
        if have != names:
            sys.exit("web/meson.build's web_asyncify_only is out of date: "
                     "missing %s, extra %s" % (sorted(set(names) - set(have)),
                                               sorted(set(have) - set(names))))
        print("ASYNCIFY_ONLY list: %d functions, up to date" % len(names))
        return
    print("\n".join(names))


if __name__ == "__main__":
    main()
