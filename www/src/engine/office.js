// The Office module (workbooks) on demand. The page stores its .wasm
// gzip-compressed (base64) beside the engine; the first workbook opened
// inflates it with the browser's DecompressionStream, compiles it and starts
// it. A CSV never pays for any of this.

/** Whether the bytes start as a workbook does: a zip (.xlsx, .xlsm, .xlsb, .ods) or an OLE compound file (.xls). */
export function isWorkbook(b) {
  return !!b && b.length >= 4 && ((b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04)
    || (b.length >= 8 && b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0 && b[4] === 0xa1 && b[5] === 0xb1 && b[6] === 0x1a && b[7] === 0xe1));
}

function officeError(code, zh, en) {
  return Object.assign(new Error(zh), { code, messageZh: zh, messageEn: en, line: null, column: null });
}

export function base64ToBytes(b64) {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i += 1) out[i] = bin.charCodeAt(i);
  return out;
}

export async function gunzip(bytes) {
  if (typeof DecompressionStream !== 'function') {
    throw officeError('no_workbook_support',
      '这个浏览器版本太旧，不能打开工作簿：请用新版 Chrome、Edge 或 Firefox，或在 Excel / WPS 中把工作表另存为 CSV 再打开',
      'this browser is too old to open workbooks: use a recent Chrome, Edge or Firefox, or save the sheet as CSV in Excel / WPS');
  }
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/**
 * A function that starts the Office module once and resolves with its
 * wasm-bindgen namespace.
 * @param {string|null|undefined} gzBase64 the module, gzip-compressed, base64
 * @param {() => any|Promise<any>} namespace gives the Office glue's namespace (`aidstat_office`)
 */
export function officeStarter(gzBase64, namespace) {
  let started = null;
  const startOffice = function startOffice() {
    if (!started) {
      started = (async () => {
        if (!gzBase64) {
          throw officeError('no_workbook_support',
            '这个版本的页面不含读取工作簿的模块：请在 Excel / WPS 中把工作表另存为 CSV 再打开',
            'this build of the page has no workbook module: save the sheet as CSV in Excel / WPS and open that');
        }
        const module = await WebAssembly.compile(await gunzip(base64ToBytes(gzBase64)));
        const ns = await namespace();
        ns.initSync({ module });
        return ns;
      })();
      started.catch(() => { started = null; });
    }
    return started;
  };
  /** After a trap (a panic in the module): the next call starts a fresh instance. */
  startOffice.reset = () => { started = null; };
  return startOffice;
}

/**
 * Runs `fn` on the Office module; a trap (what a panic in it becomes, on a
 * damaged file the reader trips over) drops the instance and is reported as
 * a damaged workbook (`code`), not as a crash of the engine.
 */
export function officeCall(startOffice, code, fn) {
  try {
    return fn();
  } catch (e) {
    if (!(e instanceof WebAssembly.RuntimeError)) throw e;
    if (startOffice && startOffice.reset) startOffice.reset();
    if (code === 'write_failed') {
      throw officeError(code, '生成 Excel 文件时出错：请换一个视图再试，或改用 CSV 导出', 'the Excel file could not be made: try another view, or export CSV');
    }
    throw officeError(code,
      '无法读取这个工作簿，文件可能已损坏或不完整（读取程序在它上面出错）：请在 Excel 或 WPS 中打开它，重新保存（或“另存为”CSV UTF-8）后再打开',
      'this workbook cannot be read; the file may be damaged or incomplete (the reader failed on it): open it in Excel or WPS, save it again (or Save As CSV UTF-8), and open that file');
  }
}
