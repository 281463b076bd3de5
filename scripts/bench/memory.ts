// Peak memory of a process tree while a case runs, sampled from /proc (Linux): the resident set
// of the Node.js processes (the app), and the proportional set (PSS, shared buffers counted once)
// of the PostgreSQL processes beneath it.
import fs from 'node:fs';

/** nodeMb: all Node.js processes of the tree (launcher, npm start's process, the Next.js server); largestMb: the largest one. */
export type Memory = { nodeMb: number; largestMb: number; postgresMb: number };

function children(): Map<number, number[]> {
  const byParent = new Map<number, number[]>();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      byParent.set(ppid, [...(byParent.get(ppid) ?? []), Number(name)]);
    } catch {
      /* gone meanwhile */
    }
  }
  return byParent;
}

function kb(file: string, field: string): number {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(fs.readFileSync(file, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

export function treeMemory(root: number, withPostgres = true): Memory {
  const tree = children();
  const pids: number[] = [];
  const stack = [root];
  while (stack.length) {
    const p = stack.pop()!;
    pids.push(p);
    stack.push(...(tree.get(p) ?? []));
  }
  let node = 0;
  let largest = 0;
  let pg = 0;
  for (const p of pids) {
    let comm = '';
    try {
      comm = fs.readFileSync(`/proc/${p}/comm`, 'utf8').trim();
    } catch {
      continue;
    }
    if (comm === 'postgres') {
      if (withPostgres) pg += kb(`/proc/${p}/smaps_rollup`, 'Pss');
    } else {
      const rss = kb(`/proc/${p}/status`, 'VmRSS');
      node += rss;
      largest = Math.max(largest, rss);
    }
  }
  return { nodeMb: node / 1024, largestMb: largest / 1024, postgresMb: pg / 1024 };
}

/**
 * Samples every 250 ms until stopped; answers the peaks. PostgreSQL's PSS only every 5 s: reading
 * it walks each backend's whole shared-buffer mapping (gigabytes once tuned), and at 250 ms that
 * took most of a core from the machine being measured.
 */
export function sampleMemory(root: number): { stop: () => Memory } {
  const peak: Memory = { nodeMb: 0, largestMb: 0, postgresMb: 0 };
  let n = 0;
  const take = (withPostgres = n++ % 20 === 0) => {
    const m = treeMemory(root, withPostgres);
    peak.nodeMb = Math.max(peak.nodeMb, m.nodeMb);
    peak.largestMb = Math.max(peak.largestMb, m.largestMb);
    peak.postgresMb = Math.max(peak.postgresMb, m.postgresMb);
  };
  take();
  const timer = setInterval(take, 250);
  return {
    stop: () => {
      clearInterval(timer);
      take(true);
      return { ...peak };
    },
  };
}
