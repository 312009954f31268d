#!/usr/bin/env python3
"""Engine benchmark of issue 3 ("Engine speed"): nearrt (NEAR metering on and
off) against native gcc -O2, wabt's wasm-interp and node (V8), side by side.

Normally started by bench/engines/run.sh, which builds the timing driver and
the nearrt CLI first. For each kernel the engines run alternately (the order
rotates every round) and the best of --repeat rounds is kept. Every engine
must return the same result for a kernel, or the run fails. See README.md.
"""
import argparse
import json
import math
import os
import re
import resource
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))


@dataclass
class Kernel:
    name: str
    func: str          # C function called by bench() (-DKERNEL=...)
    full: int          # parameter of the full run (-DPARAM=...)
    quick: int         # parameter of --quick
    wasm_flags: list = field(default_factory=list)
    host: bool = False  # imports env host functions: no wasm-interp, no CLI
    what: str = ''


# The first five are shared/bench/kernels/kernels.c with the parameters of the
# engines.md anchors; the others are kernels/extra.c.
KERNELS = [
    Kernel('fib', 'run_fib', 35, 27, what='recursive fib(n): wasm->wasm calls'),
    Kernel('sieve', 'run_sieve', 40, 2, what='1 MiB sieve, n passes: byte loads/stores, branches'),
    Kernel('sha256', 'run_sha256', 800, 40, what='SHA-256 of 4 KiB, n passes: i32 ALU'),
    Kernel('i64mix', 'run_i64mix', 100_000_000, 2_000_000, what='xorshift64, i64 mul and rem'),
    Kernel('matmul', 'run_matmul', 40, 2, what='128x128 i32 matrix multiply, n passes'),
    Kernel('hostcall', 'run_hostcall', 20_000_000, 1_000_000, host=True,
           what='host calls: i64->i64 and a guest-memory write'),
    Kernel('memcopy', 'run_memcopy', 100_000, 5_000, what='memcpy/memset as loops, 1..4096 bytes'),
    Kernel('bulkcopy', 'run_bulkcopy', 2_000_000, 200_000, wasm_flags=['-mbulk-memory'],
           what='the same with memory.copy/memory.fill'),
    Kernel('float', 'run_float', 800, 60, what='f64 Mandelbrot + f32 div/sqrt'),
    Kernel('interp', 'run_interp', 40_000, 3_000, what='switch-dispatched bytecode VM (br_table)'),
]
CONTRACT = 'runtime__runtime-params-estimator__res__fungible_token.wasm'
CONTRACT_USERS = {'full': 300, 'quick': 20}  # the workload has 1 + 3 * users calls

# wasm3 (clang build) time / gcc -O2 time on this kind of machine, from
# shared/wasm/engines.md, for the first five kernels at their full parameters.
WASM3_OVER_GCC = {'fib': 0.340 / 0.013, 'sieve': 0.740 / 0.039, 'sha256': 0.342 / 0.014, 'i64mix': 1.220 / 0.305,
                  'matmul': 0.961 / 0.020}

ENGINES = ['native', 'metered', 'unmetered', 'interp', 'node', 'node_tf']
ENGINE_TITLES = {
    'native': 'gcc -O2', 'metered': 'nearrt+gas', 'unmetered': 'nearrt', 'interp': 'wasm-interp',
    'node': 'node', 'node_tf': 'node TF',
}

TARGETS = {'native': 15.0, 'interp': 15.0, 'metering': 1.10, 'load_ms': 5.0}


class BenchError(Exception):
    pass


def sh(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def tool_version(cmd):
    try:
        out = sh(cmd)
        return (out.stdout or out.stderr).strip().splitlines()[0]
    except (OSError, IndexError):
        return 'missing'


def parse_kv(line):
    return dict(kv.split('=', 1) for kv in line.split() if '=' in kv)


def last_line(stdout, prefix='result='):
    for line in reversed(stdout.splitlines()):
        if line.startswith(prefix):
            return parse_kv(line)
    return None


# --------------------------------------------------------------------------- build

def build_kernels(args, mode):
    """Builds every kernel to wasm32 (clang) and natively (gcc -O2)."""
    out = os.path.join(args.out, 'kernels', mode)
    os.makedirs(out, exist_ok=True)
    src_shared = os.path.join(args.shared, 'bench', 'kernels', 'kernels.c')
    kdir = os.path.join(HERE, 'kernels')
    common = [src_shared, os.path.join(kdir, 'extra.c'), os.path.join(kdir, 'bench_main.c')]
    native_extra = [os.path.join(kdir, 'native_main.c'), os.path.join(kdir, 'native_host.c')]
    built = {}
    jobs = []
    for k in selected_kernels(args) + [Kernel('noop', 'run_fib', 1, 1)]:
        param = k.full if mode == 'full' else k.quick
        defs = [f'-DKERNEL={k.func}', f'-DPARAM={param}']
        wasm = os.path.join(out, k.name + '.wasm')
        native = os.path.join(out, k.name + '.gcc')
        jobs.append((wasm, [args.clang, '--target=wasm32', '-O2', '-fno-builtin', '-nostdlib', '-Wl,--no-entry',
                            '-Wl,--export=bench'] + k.wasm_flags + defs + ['-o', wasm] + common, common))
        if k.name != 'noop':
            jobs.append((native, [args.gcc, '-O2'] + defs + ['-o', native] + common + native_extra + ['-lm'],
                         common + native_extra))
        built[k.name] = {'wasm': wasm, 'native': native, 'param': param}
    for target, cmd, deps in jobs:
        stamp = target + '.cmd'
        line = ' '.join(cmd)
        fresh = (os.path.exists(target) and os.path.exists(stamp) and open(stamp).read() == line and
                 all(os.path.getmtime(d) <= os.path.getmtime(target) for d in deps))
        if fresh:
            continue
        r = sh(cmd)
        if r.returncode != 0:
            raise BenchError(f'build failed: {line}\n{r.stderr}')
        with open(stamp, 'w') as f:
            f.write(line)
    return built


def selected_kernels(args):
    if not args.kernels:
        return KERNELS
    names = args.kernels.split(',')
    unknown = set(names) - {k.name for k in KERNELS} - {'contract'}
    if unknown:
        raise BenchError(f'unknown kernels: {",".join(sorted(unknown))}')
    return [k for k in KERNELS if k.name in names]


# --------------------------------------------------------------------------- engines

def children_cpu():
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def run_timed(cmd, env=None, cpu=False):
    """Runs cmd; returns (result, wall seconds) or, with cpu=True, (result, wall, child CPU seconds)."""
    c0 = children_cpu()
    t0 = time.perf_counter()
    r = sh(cmd, env=env)
    wall = time.perf_counter() - t0
    used = children_cpu() - c0
    if r.returncode != 0:
        raise BenchError(f'{" ".join(cmd)} failed (exit {r.returncode}):\n{r.stdout}{r.stderr}')
    return (r, wall, used) if cpu else (r, wall)


def engine_cmd(args, engine, kernel, files):
    """Returns a function that runs one measurement: (result, seconds, extra)."""
    node_js = os.path.join(HERE, 'node', 'run_node.js')
    if kernel == 'contract':
        path = files['contract']
        users = str(files['users'])
        if engine in ('metered', 'unmetered'):
            cmd = [args.driver, 'contract', path, '--users', users] + (['--metered'] if engine == 'metered' else [])
        elif engine in ('node', 'node_tf'):
            cmd = [args.node] + (['--no-liftoff'] if engine == 'node_tf' else []) + [node_js, 'contract', path, users]
        else:
            return None
    else:
        k = files[kernel]
        kobj = next(x for x in KERNELS if x.name == kernel)
        if engine == 'native':
            cmd = [k['native']]
        elif engine in ('metered', 'unmetered'):
            cmd = [args.driver, 'kernel', k['wasm']] + (['--metered'] if engine == 'metered' else [])
        elif engine == 'interp':
            if kobj.host or not args.wasm_interp:
                return None
            cmd = [args.wasm_interp, k['wasm'], '--run-all-exports']
        elif engine in ('node', 'node_tf'):
            cmd = [args.node] + (['--no-liftoff'] if engine == 'node_tf' else []) + [node_js, 'kernel', k['wasm']]
        if engine.startswith('node') and not args.node:
            return None

    def run():
        r, wall, cpu = run_timed(cmd, cpu=True)
        if engine == 'interp':
            m = re.search(r'bench\(\) => i32:(-?\d+)', r.stdout)
            if not m:
                raise BenchError(f'unexpected wasm-interp output: {r.stdout}')
            # wasm-interp times the whole process: subtract its start-up (a no-op module).
            t = wall - args.interp_startup[0] if args.clock == 'wall' else cpu - args.interp_startup[1]
            return int(m.group(1)) & 0xFFFFFFFF, max(t, 1e-6), {'wall': wall, 'cpu': cpu}
        kv = last_line(r.stdout)
        if not kv:
            raise BenchError(f'{" ".join(cmd)}: no result line in:\n{r.stdout}{r.stderr}')
        extra = {k: v for k, v in kv.items() if k != 'result'}
        t = float(kv['cpu'] if args.clock == 'cpu' else kv['time'])
        return int(kv['result']) & 0xFFFFFFFF, t, extra
    return run


def cli_check(args, files, kernel):
    """The CLI path: `nearrt wasm run FILE --invoke bench [--metered]` (result only)."""
    out = {}
    for metered in (False, True):
        cmd = [args.nearrt, 'wasm', 'run', files[kernel]['wasm'], '--invoke', 'bench'] + (['--metered'] if metered else [])
        r, wall = run_timed(cmd)
        m = re.search(r'i32:(\d+)', r.stdout)
        if not m:
            raise BenchError(f'unexpected nearrt output: {r.stdout}{r.stderr}')
        out['cli_metered' if metered else 'cli'] = (int(m.group(1)), wall)
    return out


def measure_startup(args, noop_wasm):
    wall, cpu = math.inf, math.inf
    if args.wasm_interp:
        for _ in range(3):
            _, w, c = run_timed([args.wasm_interp, noop_wasm, '--run-all-exports'], cpu=True)
            wall, cpu = min(wall, w), min(cpu, c)
    args.interp_startup = (0.0, 0.0) if wall == math.inf else (wall, cpu)
    cli = math.inf
    for _ in range(3):
        _, w = run_timed([args.nearrt, 'wasm', 'run', noop_wasm, '--invoke', 'bench', '--metered'])
        cli = min(cli, w)
    return args.interp_startup[0], cli


# --------------------------------------------------------------------------- report

def geomean(xs):
    xs = [x for x in xs if x and x > 0]
    return math.exp(sum(math.log(x) for x in xs) / len(xs)) if xs else None


def fmt_t(x):
    if x is None:
        return 'n/a'
    return f'{x:.5f}' if x < 0.01 else f'{x:.4f}' if x < 10 else f'{x:.2f}'


SHORT_NAMES = [
    ('runtime__near-wallet-contract__implementation__wallet-contract__src__tests__res__', 'wallet-tests/'),
    ('runtime__near-wallet-contract__res__', 'wallet/'),
    ('runtime__runtime-params-estimator__res__', 'estimator/'),
    ('runtime__near-test-contracts__res__', 'test-contracts/'),
    ('pytest__tests__loadtest__locust__res__', 'locust/'),
    ('pytest__', 'pytest/'),
]


def short_name(file):
    name = file[:-5] if file.endswith('.wasm') else file
    for prefix, short in SHORT_NAMES:
        if name.startswith(prefix):
            return short + name[len(prefix):]
    return name


def fmt_r(x, digits=1):
    return 'n/a' if x is None else f'{x:.{digits}f}x'


def ratio(a, b):
    return a / b if a is not None and b else None


def machine_header(args, mode):
    cpu = 'unknown'
    try:
        with open('/proc/cpuinfo') as f:
            for line in f:
                if line.startswith('model name'):
                    cpu = line.split(':', 1)[1].strip()
                    break
    except OSError:
        pass
    commit = sh(['git', '-C', REPO, 'rev-parse', '--short', 'HEAD']).stdout.strip() or '?'
    dirty = sh(['git', '-C', REPO, 'status', '--porcelain', '--', 'src/wasm']).stdout.strip()
    lines = [
        f'nearrt engine benchmark ({mode}, best of {args.repeat}, wasm-interp best of {args.interp_repeat}) '
        f'{time.strftime("%Y-%m-%d %H:%M:%S")}',
        f'machine: {os.cpu_count()} cpus ({cpu}), load average {open("/proc/loadavg").read().split()[0]}',
        f'nearrt {commit}{" (src/wasm modified)" if dirty else ""}; gcc: {tool_version([args.gcc, "--version"])}',
        f'clang: {tool_version([args.clang, "--version"])}; '
        f'node {tool_version([args.node, "--version"]) if args.node else "off"}; '
        f'wasm-interp {tool_version([args.wasm_interp, "--version"]) if args.wasm_interp else "off"}',
        f'clock: {args.clock} time' + (' (CPU time of the timed thread; node: of the process, V8 threads included)'
                                       if args.clock == 'cpu' else ''),
    ]
    return lines


def print_table(rows, mode, out):
    cols = ['kernel', 'param'] + [ENGINE_TITLES[e] for e in ENGINES] + \
        ['gas/native', 'interp/gas', 'gas/nogas', 'gas/TF'] + (['vs wasm3*'] if mode == 'full' else [])
    table = []
    for row in rows:
        t = row['best']
        line = [row['kernel'], str(row['param'])] + [fmt_t(t.get(e)) for e in ENGINES]
        line += [fmt_r(row['r_native']), fmt_r(row['r_interp']), fmt_r(row['r_meter'], 3), fmt_r(row['r_tf'])]
        if mode == 'full':
            line.append(fmt_r(row['r_wasm3'], 2))
        table.append(line)
    g = {key: geomean([r[key] for r in rows]) for key in ('r_native', 'r_interp', 'r_meter', 'r_tf', 'r_wasm3')}
    gline = ['geomean', ''] + [''] * len(ENGINES) + [fmt_r(g['r_native']), fmt_r(g['r_interp']),
                                                     fmt_r(g['r_meter'], 3), fmt_r(g['r_tf'])]
    if mode == 'full':
        gline.append(fmt_r(g['r_wasm3'], 2))
    table.append(gline)
    widths = [max(len(cols[i]), *(len(r[i]) for r in table)) for i in range(len(cols))]
    fmt = lambda cells: '| ' + ' | '.join(c.ljust(w) if i < 2 else c.rjust(w)
                                          for i, (c, w) in enumerate(zip(cells, widths))) + ' |'
    out(fmt(cols))
    out('|' + '|'.join('-' * (w + 2) for w in widths) + '|')
    for line in table:
        out(fmt(line))
    return g


# --------------------------------------------------------------------------- main

# What each translator optimization buys: nearrt with NEAR metering, with all
# optimizations on, with each one switched off (engine_bench --disable), all
# off, and (if a switch-dispatch build of the driver is given) the portable
# switch dispatch instead of computed goto.
ABLATION = [
    ('all on', []),
    ('-local', ['--disable', 'local']),
    ('-const', ['--disable', 'const']),
    ('-fuse', ['--disable', 'fuse']),
    ('-retarget', ['--disable', 'retarget']),
    ('all off', ['--disable', 'all']),
]
ABLATION_NOTES = {
    '-local': 'local.get copies the local into a temp slot instead of being read in place',
    '-const': 'constants go through a Const instruction and a slot instead of immediates',
    '-fuse': 'compare and br_if/if stay two instructions instead of one fused compare-branch',
    '-retarget': 'local.set copies a fresh result instead of the producer writing the local',
    'all off': 'all four off: a plain stack-to-register translation',
    'switch': 'the same IR with switch dispatch (NEARRT_SWITCH_DISPATCH) instead of computed goto',
}


def run_ablation(args, files, kernels, out):
    variants = list(ABLATION)
    if args.switch_driver:
        variants.append(('switch', None))
    names = [v[0] for v in variants]
    rows, mismatches, raw = [], [], {}
    for kernel in kernels:
        cmds = {}
        for name, extra in variants:
            driver = args.switch_driver if extra is None else args.driver
            if kernel == 'contract':
                cmd = [driver, 'contract', files['contract'], '--users', str(files['users']), '--metered']
            else:
                cmd = [driver, 'kernel', files[kernel]['wasm'], '--metered']
            cmds[name] = cmd + (extra or [])
        samples = {n: [] for n in names}
        results = {n: set() for n in names}
        for rnd in range(args.repeat):
            order = names[rnd % len(names):] + names[:rnd % len(names)]
            for n in order:
                r, _, _ = run_timed(cmds[n], cpu=True)
                kv = last_line(r.stdout)
                if not kv:
                    raise BenchError(f'{" ".join(cmds[n])}: no result line in:\n{r.stdout}{r.stderr}')
                samples[n].append(float(kv['cpu'] if args.clock == 'cpu' else kv['time']))
                results[n].add((int(kv['result']) & 0xFFFFFFFF, kv.get('gas')))
        distinct = set().union(*results.values())
        if len(distinct) != 1:
            mismatches.append((kernel, results))
        best = {n: min(s) for n, s in samples.items()}
        rows.append((kernel, best))
        raw[kernel] = {'samples': samples, 'results': {n: sorted(map(str, r)) for n, r in results.items()}}
        print(f'  {kernel}: ' + ', '.join(f'{n} {fmt_t(best[n])}' for n in names) +
              ('' if len(distinct) == 1 else ' RESULT/GAS MISMATCH'), file=sys.stderr, flush=True)
    out(f'What each translator optimization buys (nearrt with NEAR metering; best of {args.repeat}; '
        f'{args.clock} time). Each column: time with that change / time with all on (above 1 = the '
        'optimization saves that factor). Results and gas are checked identical across variants.')
    head = f'{"kernel":<10} {"all on":>10}' + ''.join(f' {n:>9}' for n in names[1:])
    out(head)
    out('-' * len(head))
    for kernel, best in rows:
        base = best['all on']
        out(f'{kernel:<10} {fmt_t(base):>10}' + ''.join(f' {fmt_r(ratio(best[n], base), 2):>9}' for n in names[1:]))
    out('-' * len(head))
    out(f'{"geomean":<10} {"":>10}' + ''.join(
        f' {fmt_r(geomean([ratio(b[n], b["all on"]) for _, b in rows]), 2):>9}' for n in names[1:]))
    out()
    for n in names[1:]:
        out(f'{n}: {ABLATION_NOTES[n]}')
    return mismatches, raw


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--quick', action='store_true', help='small parameters: finishes in well under a minute')
    p.add_argument('--check', action='store_true',
                   help='CTest mode: --quick, one round, fail only if results differ or an engine fails')
    p.add_argument('--repeat', type=int, default=None, help='rounds per kernel, best kept (default 3; quick 1)')
    p.add_argument('--interp-repeat', type=int, default=1, help='rounds for wasm-interp (slow; default 1)')
    p.add_argument('--kernels', default='', help='comma-separated subset (names as in the table, or "contract")')
    p.add_argument('--clock', choices=['cpu', 'wall'], default='cpu',
                   help='cpu (default): CPU time of the timed thread/process, robust when other jobs share the '
                        'cores; wall: elapsed time')
    p.add_argument('--no-interp', action='store_true', help='skip wabt wasm-interp')
    p.add_argument('--no-node', action='store_true', help='skip node')
    p.add_argument('--no-load', action='store_true', help='skip the contract load (instantiation) section')
    p.add_argument('--ablation', action='store_true',
                   help='instead of the engine table: what each translator optimization buys')
    p.add_argument('--switch-driver', default=None,
                   help='with --ablation: an engine_bench built with NEARRT_SWITCH_DISPATCH')
    p.add_argument('--out', default=os.path.join(REPO, 'build', 'bench', 'engines'),
                   help='build and results folder')
    p.add_argument('--driver', default=os.path.join(REPO, 'build', 'bench', 'engine_bench'))
    p.add_argument('--nearrt', default=os.path.join(REPO, 'build', 'bench', 'nearrt'))
    p.add_argument('--shared', default=os.path.join(os.path.dirname(REPO), 'shared'))
    p.add_argument('--clang', default='clang')
    p.add_argument('--gcc', default='gcc')
    args = p.parse_args()
    if args.check:
        args.quick = True
    mode = 'quick' if args.quick else 'full'
    if args.repeat is None:
        args.repeat = 1 if args.quick else 3
    args.node = None if args.no_node else shutil.which('node')
    args.wasm_interp = None if args.no_interp else shutil.which('wasm-interp')
    for tool in (args.driver, args.nearrt):
        if not os.path.exists(tool):
            raise BenchError(f'{tool} not found: build it (bench/engines/run.sh does)')
    os.makedirs(args.out, exist_ok=True)
    report = []

    def out(line=''):
        print(line, flush=True)
        report.append(line)

    for line in machine_header(args, mode):
        out(line)
    if not args.node:
        out('note: node not found or disabled: node columns are n/a')
    if not args.wasm_interp:
        out('note: wasm-interp not found or disabled: its column is n/a')

    files = build_kernels(args, mode)
    contracts_dir = os.path.join(args.shared, 'testdata', 'contracts')
    files['contract'] = os.path.join(contracts_dir, CONTRACT)
    files['users'] = CONTRACT_USERS[mode]
    interp_startup, cli_startup = measure_startup(args, files['noop']['wasm'])
    out(f'process start-up: wasm-interp {interp_startup * 1e3:.1f} ms (subtracted from its times), '
        f'nearrt CLI {cli_startup * 1e3:.1f} ms')
    out('Noise: a shared 2-core VM; compare ratios from the same run, not absolute times across runs.')
    out()

    kernels = [k.name for k in selected_kernels(args)]
    if not args.kernels or 'contract' in args.kernels.split(','):
        kernels.append('contract')
    if args.ablation:
        mismatches, raw = run_ablation(args, files, kernels, out)
        with open(os.path.join(args.out, f'ablation-{mode}.txt'), 'w') as f:
            f.write('\n'.join(report) + '\n')
        with open(os.path.join(args.out, f'ablation-{mode}.json'), 'w') as f:
            json.dump({'report': report, 'kernels': raw}, f, indent=1, default=list)
        if mismatches:
            for kernel, results in mismatches:
                print(f'RESULT/GAS MISMATCH in {kernel}: {results}', file=sys.stderr)
            return 1
        return 0
    mismatches = []
    rows = []
    raw = {}
    for kernel in kernels:
        samples = {e: [] for e in ENGINES}
        results = {}
        extras = {}
        runners = {e: engine_cmd(args, e, kernel, files) for e in ENGINES}
        for rnd in range(args.repeat):
            order = ENGINES[rnd % len(ENGINES):] + ENGINES[:rnd % len(ENGINES)]
            for e in order:
                if runners[e] is None or (e == 'interp' and rnd >= args.interp_repeat):
                    continue
                res, secs, extra = runners[e]()
                samples[e].append(secs)
                results.setdefault(e, set()).add(res)
                extras[e] = extra
        if kernel != 'contract' and not next(k for k in KERNELS if k.name == kernel).host:
            for name, (res, wall) in cli_check(args, files, kernel).items():
                results.setdefault(name, set()).add(res)
        distinct = set().union(*results.values()) if results else set()
        if len(distinct) != 1:
            mismatches.append((kernel, results))
        best = {e: (min(s) if s else None) for e, s in samples.items()}
        t = best
        param = files['users'] if kernel == 'contract' else files[kernel]['param']
        row = {
            'kernel': kernel, 'param': param, 'best': best,
            'r_native': ratio(t['metered'], t['native']),
            'r_interp': ratio(t['interp'], t['metered']),
            'r_meter': ratio(t['metered'], t['unmetered']),
            'r_tf': ratio(t['metered'], t['node_tf']),
            'r_wasm3': ratio(ratio(t['metered'], t['native']), WASM3_OVER_GCC.get(kernel)) if mode == 'full' else None,
        }
        rows.append(row)
        raw[kernel] = {'param': param, 'samples': samples, 'results': {e: sorted(r) for e, r in results.items()},
                       'extra': extras}
        status = 'ok' if len(distinct) == 1 else 'RESULT MISMATCH'
        print(f'  {kernel}: result {sorted(distinct)} {status}; ' +
              ', '.join(f'{e} {fmt_t(best[e])}' for e in ENGINES if best[e] is not None), file=sys.stderr, flush=True)

    out(f'Seconds per kernel ({args.clock} time of the call in-process; wasm-interp: of the process minus '
        'start-up). "gas" = nearrt with NEAR metering.')
    g = print_table(rows, mode, out)
    out()
    out('gas/native = nearrt+gas / gcc -O2; interp/gas = wasm-interp / nearrt+gas (speed-up); '
        'gas/nogas = metering overhead; gas/TF = nearrt+gas / node --no-liftoff (TurboFan).')
    if mode == 'full':
        out('vs wasm3* = (nearrt+gas / gcc -O2 in this run) / (wasm3 / gcc -O2 in shared/wasm/engines.md, same '
            'kernels and parameters): below 1 means nearrt is closer to native than wasm3 was; normalising by '
            'native keeps it meaningful when the machine is uniformly slower than when the anchors were taken.')
    out('contract: the fungible-token workload (new_default_meta, then per user storage_deposit, ft_transfer, '
        'ft_balance_of; a fresh instance per call) on ' + CONTRACT + ' with a mock NEAR host; param = users.')
    c = raw.get('contract', {}).get('extra', {}).get('metered')
    if c and 'first' in c:
        first, warm = float(c['first']), float(c['time'])
        out(f'contract: the first pass (lazy translation of the {c.get("translated", "?")} functions the workload '
            f'reaches, plus cold caches) took {first * 1e3:.1f} ms, the timed warm pass {warm * 1e3:.1f} ms '
            f'({files["users"] * 3 + 1} calls).')
    for kernel in kernels:
        if kernel != 'contract' and next(k for k in KERNELS if k.name == kernel).host:
            out(f'{kernel}: imports host functions: wasm-interp and the nearrt CLI cannot provide them (n/a).')

    load_rows = []
    if not args.no_load:
        out()
        load_repeat = 2 if args.quick else 7
        out('Load cost of the contracts > 100 KB (what NEAR pays per call before running; best of '
            f'{load_repeat}; {args.clock} time; NEAR metering on; node compile: first compile only, V8 caches by bytes):')
        contracts = sorted((os.path.getsize(os.path.join(contracts_dir, f)), f) for f in os.listdir(contracts_dir)
                           if f.endswith('.wasm') and os.path.getsize(os.path.join(contracts_dir, f)) > 100_000)
        paths = [os.path.join(contracts_dir, f) for _, f in contracts]
        wall = ['--wall'] if args.clock == 'wall' else []
        r, _ = run_timed([args.driver, 'load', '--repeat', str(load_repeat)] + wall + paths)
        node_load = {}
        if args.node:
            rn, _ = run_timed([args.node, os.path.join(HERE, 'node', 'run_node.js'), 'load'] + wall + paths)
            for line in rn.stdout.splitlines():
                kv = parse_kv(line)
                node_load[kv['file']] = kv
        cols = ['contract', 'KB', 'funcs', 'decode+validate', 'translate all', 'eager total', 'instantiate',
                'IR KB', 'node compile', 'node inst']
        lines = []
        for line in r.stdout.splitlines():
            kv = parse_kv(line)
            n = node_load.get(kv['file'], {})
            ms = lambda v: f'{float(v) * 1e3:.2f}' if v else 'n/a'
            lines.append([short_name(kv['file']), f'{int(kv["bytes"]) / 1024:.0f}', kv['funcs'],
                          ms(kv['decode']), ms(kv['translate']), ms(kv['eager']), ms(kv['instantiate']),
                          f'{int(kv["ir_bytes"]) / 1024:.0f}', ms(n.get('compile')), ms(n.get('instantiate'))])
            load_rows.append(kv)
        widths = [max(len(cols[i]), *(len(x[i]) for x in lines)) for i in range(len(cols))] if lines else []
        fmt = lambda cells: '| ' + ' | '.join(c.ljust(w) if i == 0 else c.rjust(w)
                                              for i, (c, w) in enumerate(zip(cells, widths))) + ' |'
        out(fmt(cols) + '  (times in ms)')
        out('|' + '|'.join('-' * (w + 2) for w in widths) + '|')
        for x in lines:
            out(fmt(x))

    out()
    out('Targets (nearrt with NEAR metering):')
    def verdict(ok):
        return 'met' if ok else 'NOT met'
    if g['r_native']:
        out(f'  geomean nearrt/native gcc -O2  {g["r_native"]:7.1f}x  (target <= {TARGETS["native"]:.0f}x)  '
            f'{verdict(g["r_native"] <= TARGETS["native"])}')
    if g['r_interp']:
        out(f'  geomean speed-up over wasm-interp {g["r_interp"]:5.1f}x  (target >= {TARGETS["interp"]:.0f}x)  '
            f'{verdict(g["r_interp"] >= TARGETS["interp"])}')
    if g['r_meter']:
        out(f'  geomean metered/unmetered      {g["r_meter"]:7.3f}   (target <= {TARGETS["metering"]:.2f})  '
            f'{verdict(g["r_meter"] <= TARGETS["metering"])}')
    big = [kv for kv in load_rows if int(kv['bytes']) >= 500_000]
    for kv in big:
        d = float(kv['decode']) * 1e3
        e = float(kv['eager']) * 1e3
        out(f'  {short_name(kv["file"])} ({int(kv["bytes"]) / 1024:.0f} KB): decode+validate with lazy translation {d:.2f} ms, '
            f'eager {e:.2f} ms  (target <= {TARGETS["load_ms"]:.0f} ms)  {verdict(d <= TARGETS["load_ms"])}')
    if args.quick:
        out('  (quick mode: parameters are small, times are indicative only)')

    with open(os.path.join(args.out, f'results-{mode}.json'), 'w') as f:
        json.dump({'report': report, 'kernels': raw, 'load': load_rows}, f, indent=1, default=list)
    with open(os.path.join(args.out, f'results-{mode}.txt'), 'w') as f:
        f.write('\n'.join(report) + '\n')

    if mismatches:
        print('\nRESULT MISMATCH: engines disagree:', file=sys.stderr)
        for kernel, results in mismatches:
            print(f'  {kernel}: ' + ', '.join(f'{e}={sorted(r)}' for e, r in sorted(results.items())), file=sys.stderr)
        return 1
    out(f'All engines returned equal results on {len(rows)} kernel{"s" if len(rows) != 1 else ""}.')
    return 0


if __name__ == '__main__':
    try:
        sys.exit(main())
    except BenchError as e:
        print(f'bench.py: error: {e}', file=sys.stderr)
        sys.exit(1)
