import { useEffect, useRef, useState } from 'react';
import { useT } from '@shared/i18n.tsx';

interface Detector { detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]> }
declare global {
  interface Window { BarcodeDetector?: new (options: { formats: string[] }) => Detector }
}

export const canScan = () => typeof window !== 'undefined' && 'BarcodeDetector' in window && !!navigator.mediaDevices?.getUserMedia;

/** Reads QR codes and barcodes with the camera through the browser's BarcodeDetector. */
export function Scanner({ onResult, formats = ['qr_code', 'ean_13', 'code_128'] }: { onResult(value: string): void; formats?: string[] }) {
  const t = useT();
  const video = useRef<HTMLVideoElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const done = useRef(onResult);
  done.current = onResult;
  useEffect(() => {
    let stream: MediaStream | null = null;
    let timer = 0;
    let live = true;
    (async () => {
      try {
        const detector = new window.BarcodeDetector!({ formats });
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
        if (!live || !video.current) return;
        video.current.srcObject = stream;
        await video.current.play();
        const tick = async () => {
          if (!live || !video.current) return;
          try {
            const found = await detector.detect(video.current);
            if (found[0]?.rawValue) { done.current(found[0].rawValue); return; }
          } catch { /* a frame that cannot be read; try the next */ }
          timer = window.setTimeout(tick, 250);
        };
        void tick();
      } catch {
        if (live) setProblem(t('scan.noCamera'));
      }
    })();
    return () => { live = false; window.clearTimeout(timer); stream?.getTracks().forEach((tr) => tr.stop()); };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return (
    <div className="scanner stack">
      {problem ? <p className="notice warn" role="alert">{problem}</p> : <video ref={video} muted playsInline aria-label={t('scan.camera')} />}
    </div>
  );
}
