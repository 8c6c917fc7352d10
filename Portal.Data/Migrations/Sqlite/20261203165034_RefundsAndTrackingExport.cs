using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RefundsAndTrackingExport : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "RefundAccountId",
                table: "CreditNotes",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "RefundAmount",
                table: "CreditNotes",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "RefundReference",
                table: "CreditNotes",
                type: "TEXT",
                maxLength: 255,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RefundedAt",
                table: "CreditNotes",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TrackingUrlTemplate",
                table: "Carriers",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ShipmentTrackingExports",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrganizationId = table.Column<int>(type: "INTEGER", nullable: false),
                    StoreId = table.Column<int>(type: "INTEGER", nullable: false),
                    SaleId = table.Column<int>(type: "INTEGER", nullable: false),
                    WooOrderId = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    NextAttemptAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ClaimedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ClaimedUntilUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ExportedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ShipmentTrackingExports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ShipmentTrackingExports_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ShipmentTrackingExports_Sales_SaleId",
                        column: x => x.SaleId,
                        principalTable: "Sales",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ShipmentTrackingExports_Stores_StoreId",
                        column: x => x.StoreId,
                        principalTable: "Stores",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "StoreRefunds",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrganizationId = table.Column<int>(type: "INTEGER", nullable: false),
                    StoreId = table.Column<int>(type: "INTEGER", nullable: false),
                    WooOrderId = table.Column<long>(type: "INTEGER", nullable: false),
                    WooRefundId = table.Column<long>(type: "INTEGER", nullable: false),
                    Amount = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    RefundJson = table.Column<string>(type: "TEXT", nullable: false),
                    OrderJson = table.Column<string>(type: "TEXT", nullable: false),
                    SeenAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AppliedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    SaleId = table.Column<int>(type: "INTEGER", nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StoreRefunds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StoreRefunds_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_StoreRefunds_Stores_StoreId",
                        column: x => x.StoreId,
                        principalTable: "Stores",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CreditNotes_RefundAccountId",
                table: "CreditNotes",
                column: "RefundAccountId");

            migrationBuilder.CreateIndex(
                name: "IX_ShipmentTrackingExports_OrganizationId",
                table: "ShipmentTrackingExports",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_ShipmentTrackingExports_SaleId",
                table: "ShipmentTrackingExports",
                column: "SaleId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ShipmentTrackingExports_Status_NextAttemptAtUtc",
                table: "ShipmentTrackingExports",
                columns: new[] { "Status", "NextAttemptAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_ShipmentTrackingExports_StoreId",
                table: "ShipmentTrackingExports",
                column: "StoreId");

            migrationBuilder.CreateIndex(
                name: "IX_StoreRefunds_OrganizationId",
                table: "StoreRefunds",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_StoreRefunds_Status",
                table: "StoreRefunds",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_StoreRefunds_StoreId_WooOrderId",
                table: "StoreRefunds",
                columns: new[] { "StoreId", "WooOrderId" });

            migrationBuilder.CreateIndex(
                name: "IX_StoreRefunds_StoreId_WooRefundId",
                table: "StoreRefunds",
                columns: new[] { "StoreId", "WooRefundId" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_CreditNotes_Accounts_RefundAccountId",
                table: "CreditNotes",
                column: "RefundAccountId",
                principalTable: "Accounts",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_CreditNotes_Accounts_RefundAccountId",
                table: "CreditNotes");

            migrationBuilder.DropTable(
                name: "ShipmentTrackingExports");

            migrationBuilder.DropTable(
                name: "StoreRefunds");

            migrationBuilder.DropIndex(
                name: "IX_CreditNotes_RefundAccountId",
                table: "CreditNotes");

            migrationBuilder.DropColumn(
                name: "RefundAccountId",
                table: "CreditNotes");

            migrationBuilder.DropColumn(
                name: "RefundAmount",
                table: "CreditNotes");

            migrationBuilder.DropColumn(
                name: "RefundReference",
                table: "CreditNotes");

            migrationBuilder.DropColumn(
                name: "RefundedAt",
                table: "CreditNotes");

            migrationBuilder.DropColumn(
                name: "TrackingUrlTemplate",
                table: "Carriers");
        }
    }
}
