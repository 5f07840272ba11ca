"""Samples the RSS of a process and all its descendants (JupyterLab server + kernel launcher + kernel
JVM) every 200 ms until the process ends or SIGUSR1 arrives; then prints the peak summed RSS and the
sum of each process's own high-water mark (VmHWM). Usage: python tree_memory.py PID"""
import signal
import sys
import time

import psutil

root = psutil.Process(int(sys.argv[1]))
peak, hwm, stop = 0, {}, []
signal.signal(signal.SIGUSR1, lambda *_: stop.append(1))
signal.signal(signal.SIGTERM, lambda *_: stop.append(1))


def vm_hwm(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        return 0
    return 0


while not stop and root.is_running():
    try:
        procs = [root] + root.children(recursive=True)
    except psutil.Error:
        break
    total = 0
    for p in procs:
        try:
            total += p.memory_info().rss
            hwm[p.pid] = max(hwm.get(p.pid, 0), vm_hwm(p.pid))
        except psutil.Error:
            pass
    peak = max(peak, total)
    time.sleep(0.2)
print(f"memory: JupyterLab server + kernel peak RSS {peak / 2**20:.0f} MB "
      f"(sum of VmHWM {sum(hwm.values()) / 2**20:.0f} MB over {len(hwm)} processes; target < 1536 MB)")
