-- wrk script: POST /scan of one ~500-byte payment message (text/plain),
-- rotating four messages that name listed parties, near misses and
-- unlisted ones. Usage: see README.md in this folder (serve.sh runs it).
local messages = {
  "MT103 /20:REF2024-0091 /32A:240503USD125000,00 /50K:ACME TRADING GMBH, HAMBURG /59:CHINYONG INFORMATION TECHNOLOGY COOPERATION COMPANY, SHENYANG /70:INVOICE 2024-117 SOFTWARE DEVELOPMENT SERVICES, CONTRACT OF 12 FEB 2024, SECOND INSTALMENT /71A:SHA /72:/INS/BANK OF CHINA SHENYANG BRANCH, ATTN KIM SANG MAN, REPRESENTATIVE. PAYMENT FOR OUTSOURCED IT WORK AS AGREED WITH THE CLIENT'S PROCUREMENT DEPARTMENT.",
  "Wire transfer request: beneficiary Maria Gonzalez Lopez, Calle Mayor 12, Madrid, IBAN ES91 2100 0418 4502 0005 1332, amount EUR 2,450.00, purpose: rent for May 2024 and deposit top-up. Ordering customer Jane Austen, 4 Chawton Lane, Alton. Reference: flat 3B, contract 2023/77. Please execute on the value date and confirm by e-mail to the ordering customer. No intermediary bank. Charges shared between ordering customer and beneficiary as usual.",
  "Payment of USD 48,300 to Rosneft Trading S.A., Geneva, for crude oil cargo delivered under contract RT-2024-118, vessel MT Aframax Star, bill of lading 2024-05-02. Ordering party: Baltic Energy Supply OU, Tallinn. Correspondent: Deutsche Bank AG, Frankfurt. Remittance information: invoice 5521 and 5522, partial settlement, balance due on 30 June. Please quote the contract number on all correspondence with the beneficiary's bank.",
  "Donation receipt: the amount of EUR 500 was received from Mohammed Al Masri on behalf of the community centre building fund. Trustees present: Ahmed Hassan, Fatima Noor, Yusuf Rahman. The funds will be used for roof repairs and the new library wing. Next meeting of the trustees on 14 June 2024 at the centre, 12 Station Road. Minutes taken by the secretary and circulated to all members by post and e-mail within two weeks.",
}

local counter = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "text/plain"
-- With EMBARGO_KEY set, every request sends the API key.
local key = os.getenv("EMBARGO_KEY")
if key and key ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. key
end

request = function()
  counter = counter + 1
  return wrk.format(nil, "/scan", nil, messages[(counter % #messages) + 1])
end

done = function(summary, latency, requests)
  io.write(string.format("p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms; non-2xx %d\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000,
    summary.errors.status))
end
